package ferry.routes;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.util.URISupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workflows whose remote folder cannot be polled right now (login refused, folder missing or unlistable,
 * server down), so health can name the workflow, the server and the reply; each state change is logged once,
 * and the next poll waits like a delivery retry: {@code ferry.retry.delay}, doubled up to {@code ferry.retry.max-delay}.
 */
public class PollFaults {

    /** Registry name. */
    public static final String BEAN = "ferryPollFaults";

    private static final Logger LOG = LoggerFactory.getLogger(PollFaults.class);

    /** One workflow whose polls fail. */
    public record Fault(String route, String server, String reason, Instant since, int failures, long delayMillis,
                        Instant nextPoll) {
        @Override
        public String toString() {
            return route + ": cannot poll " + server + " (" + failures + " failed polls in "
                    + Duration.between(since, Instant.now()).toSeconds() + " s, next in "
                    + Math.max(0, Duration.between(Instant.now(), nextPoll).toMillis()) + " ms): " + reason;
        }
    }

    private final Map<String, Fault> faults = new ConcurrentHashMap<>();

    /** May the route poll now, or is it still waiting out its backoff? */
    public boolean mayPoll(String route) {
        Fault fault = faults.get(route);
        return fault == null || !Instant.now().isBefore(fault.nextPoll());
    }

    /** A poll failed: recorded, logged when the state changes, and the next poll put off. */
    public void failed(String route, String server, Throwable failure, long firstDelay, long maxDelay) {
        String reason = reason(failure);
        Fault before = faults.get(route);
        int failures = before == null ? 1 : before.failures() + 1;
        long delay = before == null ? firstDelay : Math.min(maxDelay, Math.max(firstDelay, before.delayMillis() * 2));
        faults.put(route, new Fault(route, server, reason, before == null ? Instant.now() : before.since(), failures,
                delay, Instant.now().plusMillis(delay)));
        if (before == null || !before.reason().equals(reason)) {
            LOG.warn("{}: cannot poll {}: {} (health DOWN; polling again after {} ms, the wait doubling up to {} ms)",
                    route, server, reason, delay, maxDelay);
            // the stack trace only for whoever turns this logger to DEBUG, and once per fault, not per poll
            LOG.debug("{}: the failed poll of {}", route, server, failure);
        } else {
            LOG.debug("{}: poll {} of {} failed again: {}", route, failures, server, reason);
        }
    }

    /** A poll worked: a recorded fault is cleared and that is logged. */
    public void polled(String route) {
        Fault before = faults.remove(route);
        if (before != null) {
            LOG.info("{}: polling {} works again (after {} failed polls)", route, before.server(), before.failures());
        }
    }

    public List<Fault> current() {
        return List.copyOf(faults.values());
    }

    /**
     * The server's reply where there is one ({@code 530 Login incorrect.}), else the chain of messages
     * ({@code Cannot connect to sftp://...: Auth fail}), on one line with any password in a URI masked.
     */
    static String reason(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.camel.component.file.GenericFileOperationFailedException g && g.getCode() >= 400
                    && g.getReason() != null) {
                String reply = g.getReason().strip();
                return oneLine(reply.startsWith(String.valueOf(g.getCode())) ? reply : g.getCode() + " " + reply);
            }
            if (t instanceof ferry.ftplib.FtpException f && f.getReplyCode() > 0 && f.getReplyText() != null) {
                // Ferry's own remote folders: the server's reply, as for camel-ftp's above
                String reply = f.getReplyText().strip();
                return oneLine(reply.startsWith(String.valueOf(f.getReplyCode())) ? reply : f.getReplyCode() + " " + reply);
            }
            if (t instanceof ferry.ftplib.FtpConnectionException f) {
                // no reply (server down, connection lost): what failed, once; the server is in the line already
                return oneLine(f.getOperation() + " failed: " + f.getProblem());
            }
            if (t instanceof org.apache.camel.component.file.GenericFileOperationFailedException && t.getCause() != null
                    && String.valueOf(t.getMessage()).startsWith("File operation failed: ")) {
                // no refusal from the server (code 0, or the last good reply of a connection that is gone): camel-ftp's
                // "File operation failed: null Connection refused. Code: 0" says less than its cause
                continue;
            }
            String message = t.getMessage();
            if (t instanceof com.jcraft.jsch.SftpException s) {
                message = "SFTP status " + s.id + " " + message;
            }
            if (message != null && !text.toString().contains(message)) {
                text.append(text.isEmpty() ? "" : ": ").append(message);
            }
        }
        return oneLine(text.isEmpty() ? failure.getClass().getName() : text.toString());
    }

    private static String oneLine(String text) {
        return URISupport.sanitizeUri(text.strip().replaceAll("\\s*\\r?\\n\\s*", " "));
    }
}
