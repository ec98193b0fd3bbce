package ferry.observe;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness is DOWN while something Ferry keeps retrying is stuck: a delivery waiting out a temporary fault
 * (naming the file and the reason), or a workflow that cannot poll its remote folder (naming the server and reply).
 */
final class DeliveryHealthCheck extends AbstractHealthCheck {

    private final String headline;
    private final Supplier<List<?>> faults;

    DeliveryHealthCheck(String id, String headline, Supplier<List<?>> faults) {
        super("ferry", id);
        this.headline = headline;
        this.faults = faults;
    }

    @Override
    public boolean isLiveness() {
        // the files are kept and retried: a fault needs the server or the settings fixed, not a restart
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        List<?> current = faults.get();
        builder.detail("waiting", current.size());
        if (current.isEmpty()) {
            builder.up();
            return;
        }
        builder.message(headline + ": " + current.stream().map(Object::toString).collect(Collectors.joining("; ")));
        builder.down();
    }
}
