package ferry.observe;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import ferry.reload.Problem;
import ferry.reload.ReloadState;
import ferry.routes.DeliveryFaults;
import ferry.routes.PollFaults;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;

/**
 * Why each flow is DOWN now, one reason per flow: its route file refused, a file waiting out a temporary fault, or
 * its remote folder not pollable. The console, {@code ferry status} and the alert mails say what health says.
 */
public final class FlowHealth {

    private final CamelContext context;
    private final ReloadState reloads;

    public FlowHealth(CamelContext context, ReloadState reloads) {
        this.context = context;
        this.reloads = reloads;
    }

    /** The flows DOWN now, by id, each with its reason. */
    public Map<String, String> down() {
        Map<String, String> down = new TreeMap<>();
        for (Problem p : reloads.refused().values()) {
            String id = routeId(p.file());
            down.put(id, context.getRoute(id) == null ? "route file refused: " + p
                    : "route file refused, previous version running: " + p);
        }
        DeliveryFaults deliveries = context.getRegistry().lookupByNameAndType(DeliveryFaults.BEAN, DeliveryFaults.class);
        if (deliveries != null) {
            Map<String, List<DeliveryFaults.Fault>> byFlow = deliveries.current().stream()
                    .sorted(Comparator.comparing(DeliveryFaults.Fault::since))
                    .collect(Collectors.groupingBy(DeliveryFaults.Fault::route, TreeMap::new, Collectors.toList()));
            byFlow.forEach((flow, waiting) -> down.putIfAbsent(flow, waiting.get(0).file() + " waiting out a fault"
                    + (waiting.size() > 1 ? " (and " + (waiting.size() - 1) + " more)" : "") + ": " + waiting.get(0).reason()));
        }
        PollFaults polls = context.getRegistry().lookupByNameAndType(PollFaults.BEAN, PollFaults.class);
        if (polls != null) {
            // a workflow stopped or removed (hot reload) since its last failed poll no longer counts, as in health
            polls.current().stream().filter(f -> isStarted(f.route()))
                    .forEach(f -> down.putIfAbsent(f.route(), "cannot poll " + f.server() + ": " + f.reason()));
        }
        return down;
    }

    /** The flow a route file defines: its name without {@code .camel.yaml} (a route id equals its file's stem). */
    public static String routeId(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".camel.yaml") ? name.substring(0, name.length() - ".camel.yaml".length()) : name;
    }

    private boolean isStarted(String routeId) {
        ServiceStatus status = context.getRouteController().getRouteStatus(routeId);
        return status != null && status.isStarted();
    }
}
