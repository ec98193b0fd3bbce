package ferry.routes;

import java.nio.file.Files;
import java.nio.file.Path;

import ferry.ledger.Ledger;
import ferry.ledger.LedgerKey;
import org.apache.camel.Exchange;
import org.apache.camel.Ordered;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs after the consumer moved a failed file away (ordered last, after camel-file's own completion) and tells
 * the ledger so: should the same file turn up in its source folder again, a user put it back to retry it, and it
 * is taken at once. A local file still in place could not be moved: it keeps the ledger's retry-failed-after wait,
 * so it is not failed again on every poll.
 */
final class MovedAwayCheck extends SynchronizationAdapter implements Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(MovedAwayCheck.class);

    private final Ledger ledger;
    private final LedgerKey key;
    private final Path local;

    /** {@code local}: the source file when it is on this machine; null for a remote folder's file. */
    MovedAwayCheck(Ledger ledger, LedgerKey key, Path local) {
        this.ledger = ledger;
        this.key = key;
        this.local = local;
    }

    @Override
    public void onDone(Exchange exchange) {
        // a remote file is moved to .failed/ by a rename on its server, which is trusted here: checking would take
        // another connection per failure
        if (local != null && Files.exists(local)) {
            return;
        }
        try {
            ledger.movedAway(key);
        } catch (java.sql.SQLException e) {
            // then a put-back file waits for ferry.ledger.retry-failed-after, as before
            LOG.warn("Ledger could not record that {} was moved away: {}", key.source(), e.getMessage());
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST;
    }
}
