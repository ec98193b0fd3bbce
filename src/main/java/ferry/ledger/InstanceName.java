package ferry.ledger;

import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code ferry.instance-id} unique among running instances on a shared ledger: two processes under one
 * name would each take the other's claims for their own and send files twice. The name is held as a lease
 * (in {@code ferry_leader}, by this process's token) and renewed with the heartbeat.
 */
public final class InstanceName {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceName.class);

    private final LeaderLeases leases;
    private final String namespace;
    private final String token;

    public InstanceName(LeaderLeases leases, String processDescription) {
        this.leases = leases;
        this.namespace = "instance:" + leases.owner();
        this.token = leases.owner() + " (" + processDescription + ")";
    }

    /**
     * Takes the name, waiting up to one lease for a predecessor that died (its lease then runs out); refuses
     * when another running process still renews it.
     */
    public void acquire() throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(leases.leaseMillis() + 1000);
        boolean told = false;
        while (!leases.hold(namespace, token)) {
            if (!told) {
                LOG.info("ferry.instance-id '{}' is held by another process; waiting up to {} ms for its lease to run out",
                        leases.owner(), leases.leaseMillis());
                told = true;
            }
            if (System.nanoTime() > deadline) {
                Optional<String> holder = leases.leader(namespace);
                throw new IllegalStateException("ferry.instance-id '" + leases.owner() + "' is in use by another running "
                        + "instance" + holder.map(h -> " (" + h + ")").orElse("") + ": give each instance its own name");
            }
            // a startup wait, bounded by one lease: a kill -9'd predecessor stops renewing
            TimeUnit.MILLISECONDS.sleep(Math.max(100, leases.leaseMillis() / 10));
        }
    }

    /** Renews the name with the heartbeat; losing it means another process took this name while we stalled. */
    public void renew() throws SQLException {
        if (!leases.hold(namespace, token)) {
            LOG.error("ferry.instance-id '{}' was taken by another process ({}): two instances share one name, files may "
                    + "be sent twice; stop one of them", leases.owner(), leases.leader(namespace).orElse("unknown"));
        }
    }

    public void release() throws SQLException {
        leases.resign(namespace, token);
    }
}
