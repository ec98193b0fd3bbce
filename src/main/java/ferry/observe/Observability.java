package ferry.observe;

import ferry.config.ConfigValues;
import ferry.reload.ReloadState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import ferry.routes.DeliveryFaults;
import ferry.routes.PollFaults;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Health and metrics: Ferry's readiness checks (FTP and SMTP reachable, no refused route file) and its
 * counters join Camel's on the management server ({@code /observe/health}, {@code /observe/metrics}).
 */
public class Observability extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(Observability.class);

    private final ReloadState reloads;

    public Observability(ReloadState reloads) {
        this.reloads = reloads;
    }

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        // one Prometheus registry for Camel's meters and Ferry's: camel-micrometer-prometheus reuses a bound one
        CamelContext context = main.getCamelContext();
        if (context.getRegistry().lookupByName(MicrometerConstants.METRICS_REGISTRY_NAME) == null) {
            context.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME,
                    new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        }
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        try {
            register(main.getCamelContext());
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up health and metrics: " + e.getMessage(), e);
        }
    }

    private void register(CamelContext context) throws Exception {
        PropertiesComponent pc = context.getPropertiesComponent();
        DeliveryFaults faults = new DeliveryFaults();
        context.getRegistry().bind(DeliveryFaults.BEAN, faults);
        MeterRegistry meters = context.getRegistry().lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME,
                MeterRegistry.class);
        context.getManagementStrategy().addEventNotifier(new TransferMetrics(meters));
        FunctionCounter.builder("ferry.reload", reloads, ReloadState::successes).tag("result", "success")
                .description("route file reloads").register(meters);
        FunctionCounter.builder("ferry.reload", reloads, ReloadState::failures).tag("result", "failure")
                .description("route file reloads").register(meters);

        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                // the port is known only once the server has started
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) {
                logAddress(started);
            }
        });

        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health == null) {
            LOG.info("Health checks are off (camel.health.enabled=false)");
            return;
        }
        int timeout = Integer.parseInt(ConfigValues.get(pc, "ferry.health.timeout"));
        long cache = Long.parseLong(ConfigValues.get(pc, "ferry.health.cache"));
        health.register(new ServerReachableCheck("ftp-server", "ftp.host", "ftp.port", timeout, cache));
        health.register(new ServerReachableCheck("smtp-server", "smtp.host", "smtp.port", timeout, cache));
        health.register(new ReloadHealthCheck(reloads));
        health.register(new DeliveryHealthCheck("deliveries", "deliveries waiting out a fault (files kept, retrying)",
                faults::current));
        PollFaults polls = context.getRegistry().lookupByNameAndType(PollFaults.BEAN, PollFaults.class);
        // a workflow stopped or removed (hot reload) since its last failed poll no longer counts
        health.register(new DeliveryHealthCheck("remote-folders", "remote folders that cannot be polled (retrying)",
                () -> polls.current().stream().filter(f -> isStarted(context, f.route())).toList()));
    }

    private static void logAddress(CamelContext context) {
        VertxPlatformHttpServer server = context.hasService(VertxPlatformHttpServer.class);
        if (server != null) {
            // the address really bound (Camel's own endpoint summary says 0.0.0.0)
            LOG.info("Console: http://{}:{}/ - health and metrics: /observe/health and /observe/metrics", server.getHost(),
                    server.getPort());
        }
    }

    private static boolean isStarted(CamelContext context, String routeId) {
        org.apache.camel.ServiceStatus status = context.getRouteController().getRouteStatus(routeId);
        return status != null && status.isStarted();
    }

    /** The port the management server really bound (camel.management.port=0 picks a free one), or -1. */
    public static int managementPort(CamelContext context) {
        VertxPlatformHttpServer server = context.hasService(VertxPlatformHttpServer.class);
        return server == null ? -1 : server.getPort();
    }

}
