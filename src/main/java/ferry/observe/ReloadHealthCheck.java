package ferry.observe;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import ferry.reload.Problem;
import ferry.reload.ReloadState;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Readiness: DOWN while a route file's last save was refused (its previous version still runs), naming the file. */
final class ReloadHealthCheck extends AbstractHealthCheck {

    private final ReloadState state;

    ReloadHealthCheck(ReloadState state) {
        super("ferry", "route-reload");
        this.state = state;
    }

    @Override
    public boolean isLiveness() {
        // the old routes keep working: a refused edit needs a person, not a restart
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Map<Path, Problem> refused = state.refused();
        builder.detail("reload.success", state.successes());
        builder.detail("reload.failure", state.failures());
        if (!state.waiting().isEmpty()) {
            // the previous version runs undisturbed: worth seeing, not a fault
            builder.detail("waiting", state.waiting().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        if (refused.isEmpty()) {
            builder.up();
            return;
        }
        builder.message("refused route file(s), previous version running: " + refused.values().stream()
                .map(Problem::toString).collect(Collectors.joining("; ")));
        builder.detail("refused", refused.keySet().stream().map(Path::toString).collect(Collectors.joining(",")));
        builder.down();
    }
}
