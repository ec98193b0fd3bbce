package ferry.smtplib;

import java.util.Map;

import ferry.pool.ConnectionPool;
import org.apache.camel.Endpoint;

/** The {@code smtplib:} component: Python smtplib's sendmail (SMTP, SMTP_SSL, LMTP) as a route step. */
public class SmtpLibComponent extends ferry.tls.TrustingComponent {

    private int messagesPerConnection = 100;
    /** Connections kept open between exchanges, shared by every smtplib endpoint of this component; an idle one is
     * checked with NOOP before reuse only after a pause, never while mail flows. */
    private final ConnectionPool<SmtpSettings, KeptConnection> pool = new ConnectionPool<>(4, 30000, 2000);

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        SmtpLibEndpoint endpoint = new SmtpLibEndpoint(uri, this, SmtpOperation.of(remaining));
        endpoint.setTls(tlsSettings());
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

    public int getPoolSize() {
        return pool.getMaxIdle();
    }

    /** Idle connections kept per server for later exchanges (0: close after each exchange, as camel-mail does). */
    public void setPoolSize(int poolSize) {
        pool.setMaxIdle(poolSize);
    }

    public int getMessagesPerConnection() {
        return messagesPerConnection;
    }

    /** A kept connection is closed after this many messages and a fresh one opened. */
    public void setMessagesPerConnection(int messagesPerConnection) {
        this.messagesPerConnection = messagesPerConnection;
    }

    public long getPoolIdleTimeout() {
        return pool.getIdleTimeoutMillis();
    }

    /** A kept connection idle longer than this (ms) is closed instead of reused. */
    public void setPoolIdleTimeout(long poolIdleTimeout) {
        pool.setIdleTimeoutMillis(poolIdleTimeout);
    }
}
