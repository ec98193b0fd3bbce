package ferry.ledger;

import ferry.config.ConfigValues;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the ledger before the routes are built, keeps this instance's leases alive, and closes it at the end. */
public class LedgerService extends MainListenerSupport {

    /** Registry names: the ledger itself, and its face as the consumers' idempotent repository. */
    public static final String LEDGER = "ferryLedger";
    public static final String REPOSITORY = "ferryLedgerRepository";

    private static final Logger LOG = LoggerFactory.getLogger(LedgerService.class);

    private Ledger ledger;
    private ScheduledExecutorService heartbeat;

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        PropertiesComponent pc = main.getCamelContext().getPropertiesComponent();
        Path data = Path.of(ConfigValues.get(pc, "ferry.data")).toAbsolutePath().normalize();
        String url = ConfigValues.get(pc, "ferry.ledger.url");
        try {
            if (url.isEmpty()) {
                Files.createDirectories(data.resolve("ledger"));
                // WRITE_DELAY=0: a commit is on disk before Ferry moves on, so kill -9 loses no ledger entry
                url = "jdbc:h2:file:" + data.resolve("ledger").resolve("ferry") + ";WRITE_DELAY=0";
            }
            long lease = Long.parseLong(ConfigValues.get(pc, "ferry.ledger.lease"));
            String owner = ConfigValues.get(pc, "ferry.instance-id");
            if (owner.isEmpty()) {
                owner = hostName() + ":" + data;
            }
            ledger = new Ledger(url, ConfigValues.get(pc, "ferry.ledger.username"), ConfigValues.get(pc, "ferry.ledger.password"), owner, lease,
                    Clock.systemUTC());
            ledger.setRetryFailedAfter(Long.parseLong(ConfigValues.get(pc, "ferry.ledger.retry-failed-after")));
            main.getCamelContext().getRegistry().bind(LEDGER, ledger);
            main.getCamelContext().getRegistry().bind(REPOSITORY, new LedgerRepository(ledger));
            heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ferry-ledger-heartbeat");
                t.setDaemon(true);
                return t;
            });
            heartbeat.scheduleWithFixedDelay(this::beat, lease / 3, lease / 3, TimeUnit.MILLISECONDS);
            main.getCamelContext().addService(new ferry.config.OnContextStop(this::close), true, true);
            LOG.info("Ledger at {} (instance {})", url.replaceAll("password=[^;&]*", "password=xxxxxx"), owner);
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("the file ledger at " + url + " cannot be opened: " + e.getMessage(), e);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("cannot tie the ledger to Camel's lifecycle: " + e.getMessage(), e);
        }
    }

    private void beat() {
        try {
            ledger.heartbeat();
        } catch (SQLException e) {
            // the next beat tries again; claims only lapse after a whole lease without one
            LOG.warn("Ledger heartbeat failed: {}", e.getMessage());
        }
    }

    private void close() {
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
        if (ledger != null) {
            try {
                ledger.close();
            } catch (SQLException e) {
                LOG.warn("Ledger did not close cleanly: {}", e.getMessage());
            }
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

}
