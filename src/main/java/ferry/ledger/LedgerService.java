package ferry.ledger;

import ferry.config.ConfigValues;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
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
    /** The route policy of singleton routes ({@code routePolicy: ferrySingleton}): they run on the leader only. */
    public static final String SINGLETON = "ferrySingleton";

    private static final Logger LOG = LoggerFactory.getLogger(LedgerService.class);

    private Ledger ledger;
    private InstanceName name;
    private final DatabaseClock clock = new DatabaseClock();
    private ScheduledExecutorService heartbeat;

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        PropertiesComponent pc = main.getCamelContext().getPropertiesComponent();
        Path data = Path.of(ConfigValues.get(pc, "ferry.data")).toAbsolutePath().normalize();
        String url = ConfigValues.get(pc, "ferry.ledger.url");
        // a configured URL means a ledger other processes may share; the embedded one is locked to this process
        boolean shared = !url.isEmpty();
        try {
            long lease = Long.parseLong(ConfigValues.get(pc, "ferry.ledger.lease"));
            String owner = ConfigValues.get(pc, "ferry.instance-id");
            if (owner.isEmpty()) {
                owner = hostName() + ":" + data;
            }
            if (shared) {
                ledger = new Ledger(url, ConfigValues.get(pc, "ferry.ledger.username"), ConfigValues.get(pc, "ferry.ledger.password"),
                        owner, lease, clock);
            } else {
                Path folder = data.resolve("ledger");
                Files.createDirectories(folder);
                // every write is in the write-ahead log before Ferry moves on, so kill -9 loses no ledger entry
                url = Ledger.embeddedUrl(folder) + " (write-ahead log " + Ledger.writeAheadLog(folder).getFileName() + ")";
                ledger = Ledger.embedded(folder, owner, lease, clock);
            }
            clock.sync(ledger::databaseTime);
            ledger.setRetryFailedAfter(Long.parseLong(ConfigValues.get(pc, "ferry.ledger.retry-failed-after")));
            ledger.journal().start(Long.parseLong(ConfigValues.get(pc, "ferry.journal.keep-days")));
            ledger.setMaxDiedAttempts(Integer.parseInt(ConfigValues.get(pc, "ferry.ledger.max-died-attempts")));
            if (shared) {
                // pid and host tell an operator which process it is; the random part tells two starts apart in one JVM
                name = new InstanceName(new LeaderLeases(ledger), "pid " + ProcessHandle.current().pid() + " on " + hostName()
                        + ", start " + java.util.UUID.randomUUID().toString().substring(0, 8));
                name.acquire();
            }
            main.getCamelContext().getRegistry().bind(LEDGER, ledger);
            main.getCamelContext().getRegistry().bind(REPOSITORY, new LedgerRepository(ledger));
            heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ferry-ledger-heartbeat");
                t.setDaemon(true);
                return t;
            });
            heartbeat.scheduleWithFixedDelay(this::beat, lease / 3, lease / 3, TimeUnit.MILLISECONDS);
            main.getCamelContext().addService(new ferry.config.OnContextStop(this::close), true, true);
            // added after the ledger's closer, so it stops before it (Camel stops services in reverse): a leader
            // hands its leadership over while the ledger is still open
            bindLeadership(main.getCamelContext(), lease);
            LOG.info("Ledger at {} (instance {}, clock offset to the database {} ms)", masked(url), owner, clock.offsetMillis());
        } catch (SQLException | java.io.IOException e) {
            close();
            throw new IllegalStateException("the file ledger at " + masked(url) + " (ferry.ledger.url) cannot be opened: "
                    + e.getMessage(), e);
        } catch (IllegalStateException e) {
            // a name in use: its message says what to do
            close();
            throw e;
        } catch (Exception e) {
            close();
            throw new IllegalStateException("cannot tie the ledger to Camel's lifecycle: " + e.getMessage(), e);
        }
    }

    /**
     * Singleton routes (housekeeping) take {@code routePolicy: ferrySingleton}: Camel's ClusteredRoutePolicy
     * over a cluster service whose leadership is a lease in this same database.
     */
    private void bindLeadership(CamelContext context, long lease) throws Exception {
        // followers try every tenth of a lease, so a dead leader is replaced about one lease after its last renewal
        LedgerClusterService cluster = new LedgerClusterService(new LeaderLeases(ledger), Math.max(100, lease / 10));
        context.addService(cluster, true, true);
        ClusteredRoutePolicy policy = ClusteredRoutePolicy.forNamespace(cluster, "ferry-singleton");
        policy.setCamelContext(context);
        context.getRegistry().bind(SINGLETON, policy);
    }

    /** The URL as it may be logged: a password given in it is masked. */
    static String masked(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1xxxxxx");
    }

    private void beat() {
        try {
            ledger.heartbeat();
            clock.sync(ledger::databaseTime);
            if (name != null) {
                name.renew();
            }
        } catch (SQLException e) {
            // the next beat tries again; claims only lapse after a whole lease without one
            LOG.warn("Ledger heartbeat failed: {}", e.getMessage());
        }
    }

    private void close() {
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
        if (name != null) {
            try {
                name.release();
            } catch (SQLException e) {
                // the name's lease runs out by itself; a restart waits for it at most one lease
                LOG.warn("Could not give up ferry.instance-id in the ledger: {}", e.getMessage());
            }
            name = null;
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
