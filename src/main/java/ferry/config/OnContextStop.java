package ferry.config;

import org.apache.camel.support.service.ServiceSupport;

/**
 * Runs a clean-up when the CamelContext stops. Main's afterStop listeners run only under {@code Main.run},
 * while the context stops in every way Ferry ends (run, tests' start/stop, a failed startup).
 */
public final class OnContextStop extends ServiceSupport {

    private final Runnable cleanup;

    public OnContextStop(Runnable cleanup) {
        this.cleanup = cleanup;
    }

    @Override
    protected void doStop() {
        cleanup.run();
    }
}
