package ferry.ftplib;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logged-in FTP sessions kept between exchanges, so a workflow that handles thousands of files logs in once per
 * connection instead of once per file. Sessions are kept per server settings (host, user, password, TLS, mode),
 * at most {@code maxIdle} of them; a session that broke, is still streaming, or sat idle too long is closed
 * instead of reused. A session idle for more than {@code checkAfterMillis} answers a NOOP before it is handed
 * out, so a connection the server dropped meanwhile costs a reconnect, never a failed file; busy sessions are
 * handed out without that round trip.
 */
public class FtpSessionPool {

    private static final Logger LOG = LoggerFactory.getLogger(FtpSessionPool.class);

    private final Map<FtpSettings, Deque<FtpSession>> idle = new HashMap<>();
    private final int maxIdle;
    private final long idleTimeoutMillis;
    private final long checkAfterMillis;

    public FtpSessionPool(int maxIdle, long idleTimeoutMillis, long checkAfterMillis) {
        this.maxIdle = maxIdle;
        this.idleTimeoutMillis = idleTimeoutMillis;
        this.checkAfterMillis = checkAfterMillis;
    }

    /** A logged-in session to the server: a kept one when there is a usable one, else a new login. */
    public FtpSession borrow(FtpSettings settings) throws FtpException {
        FtpSession session;
        while ((session = takeIdle(settings)) != null) {
            long idleFor = session.idleMillis();
            if (idleFor > idleTimeoutMillis) {
                session.quit();
            } else if (idleFor > checkAfterMillis && !session.alive()) {
                session.close();
            } else {
                return session;
            }
        }
        return FtpSession.open(settings);
    }

    /** Hands a session back after an exchange: kept when it can serve the next one as a fresh login would. */
    public void release(FtpSettings settings, FtpSession session) {
        if (maxIdle <= 0 || !session.reusable()) {
            session.quit();
            return;
        }
        try {
            session.resetForReuse();
        } catch (FtpException | RuntimeException e) {
            LOG.debug("Not keeping the session to {}: {}", session.server(), e.getMessage());
            session.close();
            return;
        }
        FtpSession evicted = null;
        synchronized (idle) {
            Deque<FtpSession> sessions = idle.computeIfAbsent(settings, s -> new ArrayDeque<>());
            sessions.push(session);
            if (sessions.size() > maxIdle) {
                evicted = sessions.removeLast();
            }
        }
        if (evicted != null) {
            evicted.quit();
        }
    }

    /** Says goodbye to every kept session (the component stops). */
    public void closeAll() {
        Map<FtpSettings, Deque<FtpSession>> all;
        synchronized (idle) {
            all = new HashMap<>(idle);
            idle.clear();
        }
        all.values().forEach(sessions -> sessions.forEach(FtpSession::quit));
    }

    private FtpSession takeIdle(FtpSettings settings) {
        synchronized (idle) {
            Deque<FtpSession> sessions = idle.get(settings);
            // the most recently used first: it is the least likely to have been dropped by the server
            return sessions == null ? null : sessions.pollFirst();
        }
    }
}
