package ferry.alerts;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import ferry.config.ConfigValues;
import ferry.observe.FlowHealth;
import ferry.reload.ReloadState;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts {@link Alerts} when {@code alerts.to} names someone (in the embedded demo: the demo mailbox). */
public class AlertService extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(AlertService.class);

    private final ReloadState reloads;
    private ScheduledExecutorService ticker;

    public AlertService(ReloadState reloads) {
        this.reloads = reloads;
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        PropertiesComponent pc = context.getPropertiesComponent();
        String to = ConfigValues.get(pc, "alerts.to");
        if (to.isEmpty() && Boolean.parseBoolean(ConfigValues.get(pc, "ferry.embedded"))) {
            to = ConfigValues.get(pc, "mail.to");
        }
        if (to.isEmpty()) {
            LOG.info("Alert mails are off (alerts.to is empty)");
            return;
        }
        Alerts alerts = new Alerts(to, Long.parseLong(ConfigValues.get(pc, "alerts.after")),
                Long.parseLong(ConfigValues.get(pc, "alerts.digest-window")), new AlertMail(context), new FlowHealth(context, reloads));
        context.getRegistry().bind(Alerts.BEAN, alerts);
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ferry-alerts");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(alerts::tick, 1, 1, TimeUnit.SECONDS);
        try {
            context.addService(new ferry.config.OnContextStop(ticker::shutdownNow), true, true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot tie alerts to Camel's lifecycle: " + e.getMessage(), e);
        }
        LOG.info("Alert mails go to {} (a file failed for good; a flow DOWN longer than {} ms)", to,
                ConfigValues.get(pc, "alerts.after"));
    }
}
