package ferry.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import ferry.observe.FlowHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alert mails to {@code alerts.to}: a file that failed for good (one mail per file; when several fail within
 * {@code alerts.digest-window}, a minute by default, one digest for them), and a flow DOWN for longer than {@code alerts.after} (at most one mail per flow
 * per {@code alerts.after}). {@link #tick} runs every second.
 */
public final class Alerts {

    /** Registry name. */
    public static final String BEAN = "ferryAlerts";

    /** One file that failed for good. */
    record Failure(String flow, String name, String reason, Instant at) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);
    // a failure waits this long for others to fold into the same mail
    private static final long HOLD_MILLIS = 3_000;

    private final String to;
    private final long afterMillis;
    private final long digestMillis;
    private final AlertMail mail;
    private final FlowHealth flows;
    private final ConcurrentLinkedQueue<Failure> pending = new ConcurrentLinkedQueue<>();
    private final Map<String, Long> downSince = new HashMap<>();
    private final Map<String, Long> downAlerted = new HashMap<>();
    private long lastFailureMail = Long.MIN_VALUE / 2;

    Alerts(String to, long afterMillis, long digestMillis, AlertMail mail, FlowHealth flows) {
        this.to = to;
        this.afterMillis = afterMillis;
        this.digestMillis = digestMillis;
        this.mail = mail;
        this.flows = flows;
    }

    /** A file failed for good (FailureReport). */
    public void failed(String flow, String name, String reason) {
        pending.add(new Failure(flow, name, reason, Instant.now()));
    }

    synchronized void tick() {
        long now = System.currentTimeMillis();
        Failure oldest = pending.peek();
        if (oldest != null && now - oldest.at().toEpochMilli() >= HOLD_MILLIS && now - lastFailureMail >= digestMillis) {
            List<Failure> batch = new ArrayList<>();
            for (Failure f = pending.poll(); f != null; f = pending.poll()) {
                batch.add(f);
            }
            lastFailureMail = now;
            sendFailures(batch);
        }
        checkFlows(now);
    }

    private void sendFailures(List<Failure> batch) {
        if (batch.size() == 1) {
            Failure f = batch.get(0);
            send("Ferry: " + f.flow() + ": " + f.name() + " failed", "The file " + f.name() + " (flow " + f.flow()
                    + ") could not be delivered and is kept with a report.\n\nReason: " + f.reason() + "\nTime: " + f.at()
                    + "\n\nFix the cause, then Retry it on the console or run: ferry retry '" + f.name() + "'\n");
            return;
        }
        StringBuilder text = new StringBuilder(batch.size() + " files could not be delivered and are kept with a report:\n\n");
        for (Failure f : batch) {
            text.append("- ").append(f.flow()).append(": ").append(f.name()).append("\n  ").append(f.reason()).append('\n');
        }
        text.append("\nFix the cause, then Retry them on the console or run: ferry retry --failed\n");
        send("Ferry: " + batch.size() + " files failed", text.toString());
    }

    private void checkFlows(long now) {
        Map<String, String> down = flows.down();
        downSince.keySet().retainAll(down.keySet());
        for (Map.Entry<String, String> flow : down.entrySet()) {
            long since = downSince.computeIfAbsent(flow.getKey(), k -> now);
            Long alerted = downAlerted.get(flow.getKey());
            if (now - since >= afterMillis && (alerted == null || now - alerted >= afterMillis)) {
                downAlerted.put(flow.getKey(), now);
                send("Ferry: flow " + flow.getKey() + " DOWN for " + (now - since) / 1000 + " s", "The flow "
                        + flow.getKey() + " has been DOWN since " + Instant.ofEpochMilli(since) + ".\n\nReason: "
                        + flow.getValue() + "\n\nFiles are kept and retried; the console shows what waits.\n");
            }
        }
    }

    private void send(String subject, String text) {
        try {
            mail.send(to, subject, text);
            LOG.info("Alert mailed to {}: {}", to, subject);
        } catch (RuntimeException e) {
            // an alert that cannot be sent is logged instead: the files themselves are kept either way
            LOG.warn("Alert not mailed to {} ({}): {}", to, e.getMessage(), subject);
        }
    }
}
