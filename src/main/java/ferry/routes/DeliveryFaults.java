package ferry.routes;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * The deliveries waiting out a temporary fault right now (server down, disk full, timeouts), so health can
 * say which file is stuck and why while Ferry keeps it and retries.
 */
public class DeliveryFaults {

    /** Registry name. */
    public static final String BEAN = "ferryDeliveryFaults";
    /** Exchange property: the servers a flow talks to, by name ("server acme, mail server default"). */
    public static final String SERVERS = "FerryFlowServers";

    /** One delivery being retried; {@code id} is its ledger id (null without one), {@code next} its next attempt. */
    public record Fault(String route, String file, String reason, Instant since, String id, int attempts, Instant next) {
        @Override
        public String toString() {
            return route + ": " + file + " waiting " + Duration.between(since, Instant.now()).toSeconds() + " s: " + reason;
        }
    }

    private final Map<String, Fault> faults = new ConcurrentHashMap<>();

    /** Records (or refreshes the reason of) a retried delivery until its exchange ends. */
    public void retrying(Exchange exchange, Throwable cause) {
        String file = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, "?", String.class);
        String reason = cause == null ? "unknown" : String.valueOf(cause.getMessage());
        Fault before = faults.get(exchange.getExchangeId());
        // the journey: each failed attempt with the server's reply
        Journaling.note(exchange, ferry.ledger.Journal.Event.ATTEMPT, reason);
        // health and the console name the flow's servers ("server acme: 451 ...")
        String servers = exchange.getProperty(SERVERS, String.class);
        String shown = servers == null ? reason : servers + ": " + reason;
        // the console shows how often it was tried and when the next attempt comes (the backoff of ErrorHandling)
        int attempts = 1 + exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
        String key = exchange.getProperty(LedgerSteps.KEY, String.class);
        faults.put(exchange.getExchangeId(), new Fault(exchange.getFromRouteId(), MailHeaders.safe(file),
                org.apache.camel.util.URISupport.sanitizeUri(shown), before == null ? Instant.now() : before.since(),
                key == null ? null : ferry.ledger.LedgerKey.parse(key).hash(), attempts,
                Instant.now().plusMillis(nextDelay(exchange, attempts))));
        if (before == null) {
            String id = exchange.getExchangeId();
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    faults.remove(id);
                }
            });
        }
    }

    private static long nextDelay(Exchange exchange, int attempts) {
        long delay = Long.parseLong(exchange.getContext().resolvePropertyPlaceholders("{{ferry.retry.delay}}").trim());
        long max = Long.parseLong(exchange.getContext().resolvePropertyPlaceholders("{{ferry.retry.max-delay}}").trim());
        return Math.min(max, delay << Math.min(30, attempts - 1));
    }

    public List<Fault> current() {
        return List.copyOf(faults.values());
    }
}
