package ferry.smtplib;

import java.util.Map;

import ferry.pool.ConnectionPool;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/** The {@code smtplib:} component: Python smtplib's sendmail (SMTP, SMTP_SSL, LMTP) as a route step. */
public class SmtpLibComponent extends DefaultComponent {

    private int poolSize = 4;
    private int messagesPerConnection = 100;
    private long poolIdleTimeout = 30000;
    private ConnectionPool<SmtpSettings, KeptConnection> pool;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        SmtpLibEndpoint endpoint = new SmtpLibEndpoint(uri, this, SmtpOperation.of(remaining));
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /** Connections kept open between exchanges, shared by every smtplib endpoint of this component. */
    synchronized ConnectionPool<SmtpSettings, KeptConnection> pool() {
        if (pool == null) {
            // an idle connection is checked with NOOP before reuse only after a pause, never while mail flows
            pool = new ConnectionPool<>(poolSize, poolIdleTimeout, 2000);
        }
        return pool;
    }

    @Override
    protected void doStop() throws Exception {
        ConnectionPool<SmtpSettings, KeptConnection> kept;
        synchronized (this) {
            kept = pool;
            pool = null;
        }
        if (kept != null) {
            kept.closeAll();
        }
        super.doStop();
    }

    public int getPoolSize() {
        return poolSize;
    }

    /** Idle connections kept per server for later exchanges (0: close after each exchange, as camel-mail does). */
    public void setPoolSize(int poolSize) {
        this.poolSize = poolSize;
    }

    public int getMessagesPerConnection() {
        return messagesPerConnection;
    }

    /** A kept connection is closed after this many messages and a fresh one opened. */
    public void setMessagesPerConnection(int messagesPerConnection) {
        this.messagesPerConnection = messagesPerConnection;
    }

    public long getPoolIdleTimeout() {
        return poolIdleTimeout;
    }

    /** A kept connection idle longer than this (ms) is closed instead of reused. */
    public void setPoolIdleTimeout(long poolIdleTimeout) {
        this.poolIdleTimeout = poolIdleTimeout;
    }
}
