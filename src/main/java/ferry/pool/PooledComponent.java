package ferry.pool;

import org.apache.camel.support.DefaultComponent;

/**
 * A Ferry step component (ftplib, smtplib, nntplib) whose endpoints share logged-in connections kept between
 * exchanges; the pool's size and idle timeout are component options, and stopping the component says goodbye to
 * every kept connection.
 *
 * @param <K> the connection settings
 * @param <C> the connection
 */
public abstract class PooledComponent<K, C extends Reusable> extends DefaultComponent {

    private final ConnectionPool<K, C> pool;

    protected PooledComponent(int maxIdle, long idleTimeoutMillis, long checkAfterMillis) {
        this.pool = new ConnectionPool<>(maxIdle, idleTimeoutMillis, checkAfterMillis);
    }

    public ConnectionPool<K, C> pool() {
        return pool;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        pool.start();
    }

    @Override
    protected void doStop() throws Exception {
        pool.closeAll();
        super.doStop();
    }

    public int getPoolSize() {
        return pool.getMaxIdle();
    }

    /** Idle logged-in connections kept per server for later exchanges (0: close after each exchange). */
    public void setPoolSize(int poolSize) {
        pool.setMaxIdle(poolSize);
    }

    public long getPoolIdleTimeout() {
        return pool.getIdleTimeoutMillis();
    }

    /** A kept connection idle longer than this (ms) is closed instead of reused. */
    public void setPoolIdleTimeout(long poolIdleTimeout) {
        pool.setIdleTimeoutMillis(poolIdleTimeout);
    }
}
