package ferry.ftplib;

import java.util.Map;

import ferry.pool.ConnectionPool;
import ferry.tls.TlsSettings;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code ftplib:} component: each of Python ftplib's operations as a route step. Its connection
 * settings are the defaults of every step, configured once ({@code camel.component.ftplib.host=...});
 * an endpoint option overrides them.
 */
@Component("ftplib")
public class FtpLibComponent extends DefaultComponent {

    /** The server every step talks to unless the step says otherwise. */
    @Metadata
    private FtpLibConfiguration configuration = new FtpLibConfiguration();
    /** Trust store for FTPS (tls.trust-store); blank: the JDK's CAs. */
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
    /** Sessions kept logged in between exchanges, shared by every ftplib endpoint of this component; an idle one is
     * checked with NOOP before reuse only after a pause, never while work flows. */
    private final ConnectionPool<FtpSettings, RemoteSession> pool = new ConnectionPool<>(8, 60000, 2000);

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        FtpLibEndpoint endpoint = new FtpLibEndpoint(uri, this, FtpOperation.of(remaining), configuration.copy());
        endpoint.setTls(new TlsSettings(trustStore, trustStorePassword, tlsInsecure, tlsProtocols));
        setProperties(endpoint, parameters);
        return endpoint;
    }

    ConnectionPool<FtpSettings, RemoteSession> pool() {
        return pool;
    }

    @Override
    protected void doStop() throws Exception {
        pool.closeAll();
        super.doStop();
    }

    public FtpLibConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(FtpLibConfiguration configuration) {
        this.configuration = configuration;
    }

    // For code that sets up the component itself rather than through properties (tests).
    public void setProtocol(String protocol) {
        configuration.setProtocol(protocol);
    }

    public void setSecurity(String security) {
        configuration.setSecurity(security);
    }

    public void setKnownHosts(String knownHosts) {
        configuration.setKnownHosts(knownHosts);
    }

    public int getPoolSize() {
        return pool.getMaxIdle();
    }

    /** How many idle logged-in sessions per server are kept for later exchanges (0: log out after each exchange). */
    @Metadata(label = "advanced", defaultValue = "8")
    public void setPoolSize(int poolSize) {
        pool.setMaxIdle(poolSize);
    }

    public long getPoolIdleTimeout() {
        return pool.getIdleTimeoutMillis();
    }

    /** A kept session idle longer than this (ms) is logged out instead of reused. */
    @Metadata(label = "advanced", defaultValue = "60000")
    public void setPoolIdleTimeout(long poolIdleTimeout) {
        pool.setIdleTimeoutMillis(poolIdleTimeout);
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
}
