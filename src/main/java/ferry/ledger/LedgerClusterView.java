package ferry.ledger;

import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.support.cluster.AbstractCamelClusterView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One namespace of {@link LedgerClusterService}: every tick the leader renews its lease and the others try
 * to take it (which succeeds only once it ran out); a change of leader is announced to Camel's listeners.
 */
final class LedgerClusterView extends AbstractCamelClusterView {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerClusterView.class);

    private final LeaderLeases leases;
    private final long tickMillis;
    private volatile String leader;
    private long lastHeldNanos;
    private boolean warned;
    private ScheduledFuture<?> task;

    LedgerClusterView(LedgerClusterService service, String namespace, LeaderLeases leases, long tickMillis) {
        super(service, namespace);
        this.leases = leases;
        this.tickMillis = tickMillis;
    }

    @Override
    protected void doStart() {
        LedgerClusterService service = (LedgerClusterService) getClusterService();
        task = service.ticker().scheduleWithFixedDelay(this::tick, 0, tickMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        if (task != null) {
            task.cancel(false);
        }
        if (isLocalLeader()) {
            try {
                leases.resign(getNamespace());
            } catch (SQLException e) {
                // the lease then runs out by itself
                LOG.warn("Could not hand over leadership of {}: {}", getNamespace(), e.getMessage());
            }
        }
        change(null);
    }

    private synchronized void tick() {
        String next;
        try {
            if (leases.hold(getNamespace())) {
                lastHeldNanos = System.nanoTime();
                next = leases.owner();
            } else {
                next = leases.leader(getNamespace()).orElse(null);
            }
            warned = false;
        } catch (SQLException | RuntimeException e) {
            if (!warned) {
                LOG.warn("Leadership of {} cannot be checked in the ledger: {}", getNamespace(), e.getMessage());
                warned = true;
            }
            // a leader cut off from the ledger steps down well before its lease can run out and be taken over
            long heldFor = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastHeldNanos);
            next = isLocalLeader() && heldFor < leases.leaseMillis() - 2 * tickMillis ? leader : null;
        }
        change(next);
    }

    private void change(String next) {
        if (Objects.equals(next, leader)) {
            return;
        }
        leader = next;
        LOG.info("Leader of {} is now {}", getNamespace(), next == null ? "nobody" : next + (isLocalLeader() ? " (this instance)" : ""));
        fireLeadershipChangedEvent(getLeader());
    }

    private boolean isLocalLeader() {
        return leases.owner().equals(leader);
    }

    @Override
    public Optional<CamelClusterMember> getLeader() {
        String current = leader;
        return current == null ? Optional.empty() : Optional.of(new Member(current));
    }

    @Override
    public CamelClusterMember getLocalMember() {
        return new Member(leases.owner());
    }

    @Override
    public List<CamelClusterMember> getMembers() {
        // the ledger only knows the leader; other members are not tracked
        String current = leader;
        return current == null || current.equals(leases.owner())
                ? List.of(getLocalMember()) : List.of(getLocalMember(), new Member(current));
    }

    /** An instance, named by its ferry.instance-id. */
    private final class Member implements CamelClusterMember {
        private final String id;

        Member(String id) {
            this.id = id;
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public boolean isLeader() {
            return id.equals(leader);
        }

        @Override
        public boolean isLocal() {
            return id.equals(leases.owner());
        }
    }
}
