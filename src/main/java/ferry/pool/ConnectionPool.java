package ferry.pool;

import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.apache.commons.pool2.BaseKeyedPooledObjectFactory;
import org.apache.commons.pool2.DestroyMode;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericKeyedObjectPool;
import org.apache.commons.pool2.impl.GenericKeyedObjectPoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logged-in connections kept between exchanges, so a workflow that handles thousands of files logs in once per
 * connection instead of once per file: commons-pool2's keyed pool, one key per settings (host, user, password,
 * TLS, ...: the key's equality), at most {@code maxIdle} idle connections per key, as many busy ones as exchanges
 * need. One that broke, is still busy, or sat idle too long is closed instead of reused; idle ones past the timeout
 * are also logged out in the background. One idle for more than {@code checkAfterMillis} must answer a NOOP before
 * it is handed out, so a connection the server dropped meanwhile costs a reconnect, never a failed file; while work
 * flows, connections are handed out without that round trip.
 *
 * @param <K> the connection settings
 * @param <C> the connection
 */
public class ConnectionPool<K, C extends Reusable> {

    /** Opens a new, logged-in connection. */
    @FunctionalInterface
    public interface Opener<K, C, E extends Exception> {
        C open(K settings) throws E;
    }

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionPool.class);

    private final GenericKeyedObjectPool<K, C> pool;
    private final long checkAfterMillis;
    private volatile long idleTimeoutMillis;
    private volatile boolean evicting;
    // the opener of the borrow in progress on this thread: commons-pool creates on the borrowing thread
    private final ThreadLocal<Opener<K, C, ?>> opening = new ThreadLocal<>();
    // connections found dead or not reset: closed without a goodbye when the pool destroys them
    private final Set<C> broken = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    public ConnectionPool(int maxIdle, long idleTimeoutMillis, long checkAfterMillis) {
        this.idleTimeoutMillis = idleTimeoutMillis;
        this.checkAfterMillis = checkAfterMillis;
        GenericKeyedObjectPoolConfig<C> config = new GenericKeyedObjectPoolConfig<>();
        config.setMaxTotal(-1);
        config.setMaxTotalPerKey(-1);
        config.setMaxIdlePerKey(maxIdle);
        // the most recently used first: it is the least likely to have been dropped by the server
        config.setLifo(true);
        config.setTestOnBorrow(true);
        config.setMinEvictableIdleDuration(Duration.ofMillis(idleTimeoutMillis));
        // every idle connection is looked at in each eviction run
        config.setNumTestsPerEvictionRun(-1);
        config.setJmxEnabled(false);
        this.pool = new GenericKeyedObjectPool<>(new Factory(), config);
    }

    public int getMaxIdle() {
        return pool.getMaxIdlePerKey();
    }

    /** Idle connections kept per settings (0: none, every connection is closed when handed back). */
    public void setMaxIdle(int maxIdle) {
        pool.setMaxIdlePerKey(maxIdle);
    }

    public long getIdleTimeoutMillis() {
        return idleTimeoutMillis;
    }

    /** A kept connection idle longer than this is closed instead of reused. */
    public void setIdleTimeoutMillis(long idleTimeoutMillis) {
        this.idleTimeoutMillis = idleTimeoutMillis;
        pool.setMinEvictableIdleDuration(Duration.ofMillis(idleTimeoutMillis));
        if (evicting) {
            start();
        }
    }

    /** Starts logging out connections idle past the timeout in the background (the component starts). */
    public void start() {
        evicting = true;
        // a connection idle past the timeout is never handed out (see validateObject): the runs only log it out
        pool.setDurationBetweenEvictionRuns(Duration.ofMillis(Math.max(1000, idleTimeoutMillis / 2)));
    }

    /** A connection for these settings: a kept one when there is a usable one, else a new one. */
    @SuppressWarnings("unchecked")
    public <E extends Exception> C borrow(K settings, Opener<K, C, E> opener) throws E {
        opening.set(opener);
        try {
            return pool.borrowObject(settings);
        } catch (Exception e) {
            // the opener's own failure, as it threw it (commons-pool passes it on unwrapped)
            throw (E) e;
        } finally {
            opening.remove();
        }
    }

    /** Hands a connection back after an exchange: kept when it can serve the next one as a fresh one would. */
    public void release(K settings, C connection) {
        if (pool.getMaxIdlePerKey() <= 0 || !connection.reusable()) {
            discard(settings, connection);
            return;
        }
        try {
            connection.prepareForReuse();
        } catch (Exception e) {
            LOG.debug("Not keeping the connection to {}: {}", connection.server(), e.getMessage());
            broken.add(connection);
            discard(settings, connection);
            return;
        }
        pool.returnObject(settings, connection);
    }

    /** Says goodbye to every kept connection and stops the background eviction (the component stops). */
    public void closeAll() {
        evicting = false;
        pool.setDurationBetweenEvictionRuns(Duration.ofMillis(-1));
        pool.clear();
    }

    private void discard(K settings, C connection) {
        try {
            pool.invalidateObject(settings, connection);
        } catch (Exception e) {
            // the connection is closed by then; nothing else to undo
            LOG.debug("Discarding the connection to {}: {}", connection.server(), e.getMessage());
        }
    }

    /** Opens through the borrowing exchange's opener; checks and closes as {@link Reusable} says. */
    private final class Factory extends BaseKeyedPooledObjectFactory<K, C> {

        @Override
        public C create(K settings) throws Exception {
            Opener<K, C, ?> opener = opening.get();
            if (opener == null) {
                // the settings are not named: they hold the password
                throw new IllegalStateException("ConnectionPool: a connection is opened only by borrow(), with its opener");
            }
            return opener.open(settings);
        }

        @Override
        public PooledObject<C> wrap(C connection) {
            return new DefaultPooledObject<>(connection);
        }

        /** Idle too long: logged out; idle past {@code checkAfterMillis}: must answer a NOOP first. */
        @Override
        public boolean validateObject(K settings, PooledObject<C> kept) {
            long idleFor = kept.getIdleDuration().toMillis();
            if (idleFor > idleTimeoutMillis) {
                return false;
            }
            if (idleFor > checkAfterMillis && !kept.getObject().alive()) {
                broken.add(kept.getObject());
                return false;
            }
            return true;
        }

        @Override
        public void destroyObject(K settings, PooledObject<C> kept, DestroyMode mode) {
            C connection = kept.getObject();
            if (broken.remove(connection)) {
                connection.close();
            } else {
                connection.quit();
            }
        }
    }
}
