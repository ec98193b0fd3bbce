package ferry.smtplib;

import java.util.Map;

import ferry.pool.ConnectionPool;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/** The {@code smtplib:} component: Python smtplib's sendmail (SMTP, SMTP_SSL, LMTP) as a route step. */
@Component("smtplib")
public class SmtpLibComponent extends DefaultComponent {

    /** The mail server every step talks to unless the step says otherwise. */
    @Metadata
    private SmtpLibConfiguration configuration = new SmtpLibConfiguration();
    private int messagesPerConnection = 100;
    /** Trust store for STARTTLS and SMTP over TLS (tls.trust-store), as for the ftplib steps; blank: the JDK's CAs. */
    @Metadata(label = "security")
    private String trustStore = "";
    /** Password of the trust store (tls.trust-store-password). */
    @Metadata(label = "security", secret = true)
    private String trustStorePassword = "";
    /** tls.insecure: accept any certificate and host name (startup warns). */
    @Metadata(label = "security", defaultValue = "false")
    private boolean tlsInsecure;
    /** tls.protocols: comma-separated TLS versions, blank for the JDK's. */
    @Metadata(label = "security")
    private String tlsProtocols = "";
    /** Connections kept open between exchanges, shared by every smtplib endpoint of this component; an idle one is
     * checked with NOOP before reuse only after a pause, never while mail flows. */
    private final ConnectionPool<SmtpSettings, KeptConnection> pool = new ConnectionPool<>(4, 30000, 2000);

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        SmtpLibEndpoint endpoint = new SmtpLibEndpoint(uri, this, SmtpOperation.of(remaining), configuration.copy());
        // the same trust as the ftplib steps and the workflows (tls.*), not a step option
        endpoint.setTls(new ferry.tls.TlsSettings(trustStore, trustStorePassword, tlsInsecure, tlsProtocols));
        setProperties(endpoint, parameters);
        return endpoint;
    }

    ConnectionPool<SmtpSettings, KeptConnection> pool() {
        return pool;
    }

    @Override
    protected void doStop() throws Exception {
        pool.closeAll();
        super.doStop();
    }

    public SmtpLibConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(SmtpLibConfiguration configuration) {
        this.configuration = configuration;
    }

    public String getTrustStore() {
        return trustStore;
    }

    public void setTrustStore(String trustStore) {
        this.trustStore = trustStore;
    }

    public String getTrustStorePassword() {
        return trustStorePassword;
    }

    public void setTrustStorePassword(String trustStorePassword) {
        this.trustStorePassword = trustStorePassword;
    }

    public boolean isTlsInsecure() {
        return tlsInsecure;
    }

    public void setTlsInsecure(boolean tlsInsecure) {
        this.tlsInsecure = tlsInsecure;
    }

    public String getTlsProtocols() {
        return tlsProtocols;
    }

    public void setTlsProtocols(String tlsProtocols) {
        this.tlsProtocols = tlsProtocols;
    }

    public int getPoolSize() {
        return pool.getMaxIdle();
    }

    /** Idle connections kept per server for later exchanges (0: close after each exchange, as camel-mail does). */
    @Metadata(label = "advanced", defaultValue = "4")
    public void setPoolSize(int poolSize) {
        pool.setMaxIdle(poolSize);
    }

    public int getMessagesPerConnection() {
        return messagesPerConnection;
    }

    /** A kept connection is closed after this many messages and a fresh one opened. */
    @Metadata(label = "advanced", defaultValue = "100")
    public void setMessagesPerConnection(int messagesPerConnection) {
        this.messagesPerConnection = messagesPerConnection;
    }

    public long getPoolIdleTimeout() {
        return pool.getIdleTimeoutMillis();
    }

    /** A kept connection idle longer than this (ms) is closed instead of reused. */
    @Metadata(label = "advanced", defaultValue = "30000")
    public void setPoolIdleTimeout(long poolIdleTimeout) {
        pool.setIdleTimeoutMillis(poolIdleTimeout);
    }
}
