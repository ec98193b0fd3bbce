package ferry.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Leadership of singleton work through the ledger's database: one row per namespace naming the leader and
 * how long its lease lasts. Taking it is one conditional statement (an insert, or an update that succeeds
 * only for the holder or once the lease ran out), so two instances can never both hold a live lease.
 */
public final class LeaderLeases {

    private final Ledger ledger;

    public LeaderLeases(Ledger ledger) {
        this.ledger = ledger;
    }

    /** This instance's name, as the leases record it. */
    public String owner() {
        return ledger.owner();
    }

    public long leaseMillis() {
        return ledger.leaseMillis();
    }

    /** Takes or renews the lease of {@code namespace}; true when this instance holds it now. */
    public boolean hold(String namespace) throws SQLException {
        return hold(namespace, ledger.owner());
    }

    /** As {@link #hold(String)}, for {@code me} as the holder. */
    public boolean hold(String namespace, String me) throws SQLException {
        long now = ledger.clock().millis();
        long until = now + ledger.leaseMillis();
        return ledger.withConnection(db -> {
            try (PreparedStatement renew = db.prepareStatement("UPDATE ferry_leader SET owner=?, lease_until=?, "
                    + "since=CASE WHEN owner=? THEN since ELSE ? END WHERE namespace=? AND (owner=? OR lease_until<?)")) {
                renew.setString(1, me);
                renew.setLong(2, until);
                renew.setString(3, me);
                renew.setLong(4, now);
                renew.setString(5, namespace);
                renew.setString(6, me);
                renew.setLong(7, now);
                if (renew.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement first = db.prepareStatement(
                    "INSERT INTO ferry_leader (namespace, owner, lease_until, since) VALUES (?,?,?,?)")) {
                first.setString(1, namespace);
                first.setString(2, me);
                first.setLong(3, until);
                first.setLong(4, now);
                first.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (Ledger.isDuplicate(e)) {
                    // another instance holds a live lease
                    return false;
                }
                throw e;
            }
        });
    }

    /** The instance holding a live lease of {@code namespace}, if any. */
    public Optional<String> leader(String namespace) throws SQLException {
        long now = ledger.clock().millis();
        return ledger.withConnection(db -> {
            try (PreparedStatement q = db.prepareStatement(
                    "SELECT owner FROM ferry_leader WHERE namespace=? AND lease_until>=?")) {
                q.setString(1, namespace);
                q.setLong(2, now);
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Gives the lease up at once (a clean stop), so another instance need not wait for it to run out. */
    public void resign(String namespace) throws SQLException {
        resign(namespace, ledger.owner());
    }

    /** As {@link #resign(String)}, for {@code me} as the holder. */
    public void resign(String namespace, String me) throws SQLException {
        ledger.withConnection(db -> {
            try (PreparedStatement up = db.prepareStatement(
                    "UPDATE ferry_leader SET lease_until=0 WHERE namespace=? AND owner=?")) {
                up.setString(1, namespace);
                up.setString(2, me);
                return up.executeUpdate();
            }
        });
    }
}
