package ferry.ledger;

import java.sql.SQLException;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plugs the ledger into camel-file/camel-ftp's idempotent consumer: a file is taken only when its claim
 * succeeds (so a file another instance holds is left alone), and a file whose delivery is already
 * recorded is still taken, so the route can finish moving it without sending it again.
 */
public class LedgerRepository extends ServiceSupport implements IdempotentRepository {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerRepository.class);

    private final Ledger ledger;

    public LedgerRepository(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public boolean add(String key) {
        if (vanished(key)) {
            return false;
        }
        try {
            Ledger.Claim claim = ledger.claim(LedgerKey.parse(key));
            if (claim == Ledger.Claim.BUSY) {
                LOG.debug("{} is held by another instance: left alone", key);
            }
            return claim != Ledger.Claim.BUSY;
        } catch (SQLException e) {
            // without a claim nothing may move; the file stays where it is until the ledger answers again
            LOG.warn("Ledger unavailable, {} not taken this time: {}", key, e.getMessage());
            return false;
        }
    }

    @Override
    public boolean contains(String key) {
        if (vanished(key)) {
            return true;
        }
        try {
            return ledger.state(LedgerKey.parse(key)).isPresent();
        } catch (SQLException e) {
            LOG.warn("Ledger unavailable while checking {}: {}", key, e.getMessage());
            return true;
        }
    }

    /**
     * A file listed a moment ago and gone when its key was made (another instance moved it away) has no size
     * and time: there is nothing to claim, and the poll goes on with the other files.
     */
    private static boolean vanished(String key) {
        try {
            LedgerKey.parse(key);
            return false;
        } catch (IllegalArgumentException e) {
            LOG.debug("{} vanished while being listed (taken by another instance): left alone", key);
            return true;
        }
    }

    @Override
    public boolean remove(String key) {
        if (vanished(key)) {
            return true;
        }
        try {
            ledger.release(LedgerKey.parse(key));
            return true;
        } catch (SQLException e) {
            // an unreleased claim only delays a retry until its lease runs out
            LOG.warn("Ledger unavailable while releasing {}: {}", key, e.getMessage());
            return false;
        }
    }

    @Override
    public boolean confirm(String key) {
        // delivery is recorded by the route itself, before the source is moved
        return true;
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException("the ledger is never cleared by a consumer");
    }
}
