package ferry.ledger;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The database server's clock, read locally: this machine's time plus the offset to the database's time,
 * measured at start and again at every heartbeat. Leases written by several instances are then compared on
 * one clock, so a skewed machine clock neither steals a live claim nor keeps a dead one.
 */
public final class DatabaseClock extends Clock {

    /** Where the database's time comes from (the ledger's {@code SELECT CURRENT_TIMESTAMP}). */
    @FunctionalInterface
    public interface Source {
        Instant now() throws SQLException;
    }

    private volatile long offsetMillis;

    /** Measures the offset again; half the round trip is taken as the time the answer travelled. */
    public void sync(Source database) throws SQLException {
        long before = System.currentTimeMillis();
        long remote = database.now().toEpochMilli();
        long after = System.currentTimeMillis();
        offsetMillis = remote - (before + after) / 2;
    }

    public long offsetMillis() {
        return offsetMillis;
    }

    @Override
    public long millis() {
        return System.currentTimeMillis() + offsetMillis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the ledger's clock is UTC only");
    }
}
