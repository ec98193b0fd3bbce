package ferry.observe;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import ferry.routes.DeliveryFaults;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Readiness is DOWN while a delivery waits out a temporary fault, naming the file and the reason. */
final class DeliveryHealthCheck extends AbstractHealthCheck {

    private final DeliveryFaults faults;

    DeliveryHealthCheck(DeliveryFaults faults) {
        super("ferry", "deliveries");
        this.faults = faults;
    }

    @Override
    public boolean isLiveness() {
        // the files are kept and retried: a waiting delivery needs the fault cleared, not a restart
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        List<DeliveryFaults.Fault> current = faults.current();
        builder.detail("waiting", current.size());
        if (current.isEmpty()) {
            builder.up();
            return;
        }
        builder.message("deliveries waiting out a fault (files kept, retrying): "
                + current.stream().map(DeliveryFaults.Fault::toString).collect(Collectors.joining("; ")));
        builder.down();
    }
}
