package ferry.ledger;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.camel.support.cluster.AbstractCamelClusterService;

/**
 * A Camel cluster service whose leadership lives in the ledger's database, so Camel's
 * {@code ClusteredRoutePolicy} (or {@code master:}) runs singleton routes on one instance at a time, on
 * the same database that already coordinates the file claims: no extra system to run.
 */
public final class LedgerClusterService extends AbstractCamelClusterService<LedgerClusterView> {

    private final LeaderLeases leases;
    private final long tickMillis;
    private ScheduledExecutorService ticker;

    /** {@code tickMillis}: how often each namespace's lease is renewed by its leader, or tried by the others. */
    public LedgerClusterService(LeaderLeases leases, long tickMillis) {
        super("ferry-ledger");
        this.leases = leases;
        this.tickMillis = tickMillis;
    }

    @Override
    protected LedgerClusterView createView(String namespace) {
        return new LedgerClusterView(this, namespace, leases, tickMillis);
    }

    synchronized ScheduledExecutorService ticker() {
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ferry-leadership");
                t.setDaemon(true);
                return t;
            });
        }
        return ticker;
    }

    @Override
    protected void doStop() throws Exception {
        // views first: a leader resigns through the ledger before the ticker goes
        super.doStop();
        synchronized (this) {
            if (ticker != null) {
                ticker.shutdownNow();
                ticker = null;
            }
        }
    }
}
