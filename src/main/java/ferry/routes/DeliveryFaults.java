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

    /** One delivery being retried. */
    public record Fault(String route, String file, String reason, Instant since) {
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
        String servers = exchange.getProperty(SERVERS, String.class);
        String flow = exchange.getFromRouteId() + (servers == null ? "" : " (" + servers + ")");
        faults.put(exchange.getExchangeId(), new Fault(flow, MailHeaders.safe(file),
                org.apache.camel.util.URISupport.sanitizeUri(reason), before == null ? Instant.now() : before.since()));
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

    public List<Fault> current() {
        return List.copyOf(faults.values());
    }
}
