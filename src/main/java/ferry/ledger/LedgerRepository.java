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
    // keys this instance just claimed for the first time: nothing was delivered for them before, so the route's
    // ledger check can skip its query (one database round trip less per file)
    private final java.util.Set<String> fresh = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public LedgerRepository(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public boolean add(String key) {
        LedgerKey parsed = parseOrNull(key);
        if (parsed == null) {
            return false;
        }
        try {
            // the consumer may queue the file behind others (a poll's batch, a busy thread pool): at work only once
            // the route's ledger check starts its attempt
            Ledger.Claim claim = ledger.claim(parsed, false);
            if (claim == Ledger.Claim.NEW) {
                fresh.add(key);
                // the journey starts: seen in its folder, claimed by this instance
                ledger.journal().record(parsed, Journal.Event.SEEN, parsed.source());
            }
            if (claim == Ledger.Claim.NEW || claim == Ledger.Claim.RETAKEN) {
                ledger.journal().record(parsed, Journal.Event.CLAIMED, "by " + ledger.owner());
            }
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

    /**
     * Claims files of one listing in one ledger transaction, at most {@code max} for this instance; returns the
     * keys now this instance's (to work on, or only to finish moving when already delivered). Keys of files that
     * vanished are skipped. Nothing is claimed while the ledger does not answer.
     */
    public java.util.List<String> claimBatch(java.util.List<String> keys, int max) {
        java.util.List<String> valid = new java.util.ArrayList<>();
        java.util.List<LedgerKey> parsed = new java.util.ArrayList<>();
        for (String key : keys) {
            LedgerKey k = parseOrNull(key);
            if (k != null) {
                valid.add(key);
                parsed.add(k);
            }
        }
        try {
            java.util.List<Ledger.Claim> claims = ledger.claimAll(parsed, max);
            java.util.List<String> ours = new java.util.ArrayList<>();
            for (int i = 0; i < claims.size(); i++) {
                if (claims.get(i) == Ledger.Claim.NEW) {
                    fresh.add(valid.get(i));
                    // the journey starts as for a single claim (see add): seen in its folder, claimed by this instance
                    ledger.journal().record(parsed.get(i), Journal.Event.SEEN, parsed.get(i).source());
                }
                if (claims.get(i) == Ledger.Claim.NEW || claims.get(i) == Ledger.Claim.RETAKEN) {
                    ledger.journal().record(parsed.get(i), Journal.Event.CLAIMED, "by " + ledger.owner());
                }
                if (claims.get(i) != Ledger.Claim.BUSY) {
                    ours.add(valid.get(i));
                } else {
                    LOG.debug("{} is held by another instance: left alone", valid.get(i));
                }
            }
            return ours;
        } catch (SQLException e) {
            // without a claim nothing may move; the files stay where they are until the ledger answers again
            LOG.warn("Ledger unavailable, {} files not taken this time: {}", keys.size(), e.getMessage());
            return java.util.List.of();
        }
    }

    @Override
    public boolean contains(String key) {
        LedgerKey parsed = parseOrNull(key);
        if (parsed == null) {
            return true;
        }
        try {
            return ledger.state(parsed).isPresent();
        } catch (SQLException e) {
            LOG.warn("Ledger unavailable while checking {}: {}", key, e.getMessage());
            return true;
        }
    }

    /** Was this key claimed for the first time just now (so it cannot have been delivered)? Asks once per claim. */
    public boolean claimedAfresh(String key) {
        return fresh.remove(key);
    }

    @Override
    public boolean remove(String key) {
        fresh.remove(key);
        LedgerKey parsed = parseOrNull(key);
        if (parsed == null) {
            return false;
        }
        try {
            ledger.release(parsed);
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

    /**
     * A file can vanish between the folder listing and its claim (another worker moved it, a user deleted it);
     * its key then lacks size and time. It is simply not taken: one file must never fail the whole poll.
     */
    private static LedgerKey parseOrNull(String key) {
        try {
            return LedgerKey.parse(key);
        } catch (IllegalArgumentException e) {
            LOG.debug("{}: not taken this time ({})", key, e.getMessage());
            return null;
        }
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException("the ledger is never cleared by a consumer");
    }
}
