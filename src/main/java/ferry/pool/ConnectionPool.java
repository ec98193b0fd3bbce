package ferry.pool;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logged-in connections kept between exchanges, so a workflow that handles thousands of files logs in once per
 * connection instead of once per file. Connections are kept per settings (host, user, password, TLS, ...: the
 * key's equality), at most {@code maxIdle} of them per key; one that broke, is still busy, or sat idle too long is
 * closed instead of reused. One idle for more than {@code checkAfterMillis} must answer a NOOP before it is handed
 * out, so a connection the server dropped meanwhile costs a reconnect, never a failed file; while work flows,
 * connections are handed out without that round trip.
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

    /** A kept connection and when it was handed back. */
    private record Idle<C>(C connection, long sinceNanos) {
        long millis() {
            return (System.nanoTime() - sinceNanos) / 1_000_000;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionPool.class);

    private final Map<K, Deque<Idle<C>>> idle = new HashMap<>();
    private final long checkAfterMillis;
    private volatile int maxIdle;
    private volatile long idleTimeoutMillis;

    public ConnectionPool(int maxIdle, long idleTimeoutMillis, long checkAfterMillis) {
        this.maxIdle = maxIdle;
        this.idleTimeoutMillis = idleTimeoutMillis;
        this.checkAfterMillis = checkAfterMillis;
    }

    public int getMaxIdle() {
        return maxIdle;
    }

    /** Idle connections kept per settings (0: none, every connection is closed when handed back). */
    public void setMaxIdle(int maxIdle) {
        this.maxIdle = maxIdle;
    }

    public long getIdleTimeoutMillis() {
        return idleTimeoutMillis;
    }

    /** A kept connection idle longer than this is closed instead of reused. */
    public void setIdleTimeoutMillis(long idleTimeoutMillis) {
        this.idleTimeoutMillis = idleTimeoutMillis;
    }

    /** A connection for these settings: a kept one when there is a usable one, else a new one. */
    public <E extends Exception> C borrow(K settings, Opener<K, C, E> opener) throws E {
        Idle<C> kept;
        while ((kept = takeIdle(settings)) != null) {
            C connection = kept.connection();
            long idleFor = kept.millis();
            if (idleFor > idleTimeoutMillis) {
                connection.quit();
            } else if (idleFor > checkAfterMillis && !connection.alive()) {
                connection.close();
            } else {
                return connection;
            }
        }
        return opener.open(settings);
    }

    /** Hands a connection back after an exchange: kept when it can serve the next one as a fresh one would. */
    public void release(K settings, C connection) {
        if (maxIdle <= 0 || !connection.reusable()) {
            connection.quit();
            return;
        }
        try {
            connection.prepareForReuse();
        } catch (Exception e) {
            LOG.debug("Not keeping the connection to {}: {}", connection.server(), e.getMessage());
            connection.close();
            return;
        }
        Idle<C> evicted = null;
        synchronized (idle) {
            Deque<Idle<C>> connections = idle.computeIfAbsent(settings, s -> new ArrayDeque<>());
            connections.push(new Idle<>(connection, System.nanoTime()));
            if (connections.size() > maxIdle) {
                evicted = connections.removeLast();
            }
        }
        if (evicted != null) {
            evicted.connection().quit();
        }
    }

    /** Says goodbye to every kept connection (the component stops). */
    public void closeAll() {
        Map<K, Deque<Idle<C>>> all;
        synchronized (idle) {
            all = new HashMap<>(idle);
            idle.clear();
        }
        all.values().forEach(connections -> connections.forEach(kept -> kept.connection().quit()));
    }

    private Idle<C> takeIdle(K settings) {
        synchronized (idle) {
            Deque<Idle<C>> connections = idle.get(settings);
            // the most recently used first: it is the least likely to have been dropped by the server
            return connections == null ? null : connections.pollFirst();
        }
    }
}
