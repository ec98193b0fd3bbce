package ferry.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every file's journey, event by event (seen, claimed, attempt, delivered, moved, failed, retried, discarded),
 * in the ledger's database. Events are written in batches a moment later, never on the delivery's path: a
 * journal write must not slow a transfer down, and losing the last few events in a crash loses no file (the
 * ledger's own rows are written at once; the events stay out of the embedded ledger's write-ahead log).
 * Kept {@code ferry.journal.keep-days}, pruned once an hour.
 */
public final class Journal {

    /** The steps of a journey. */
    public enum Event { SEEN, CLAIMED, ATTEMPT, DELIVERED, MOVED, FAILED, RETRIED, DISCARDED }

    /** One recorded event; {@code bytes} and {@code durationMillis} are -1 when they do not apply. */
    public record Entry(String id, String flow, String name, Event event, String detail, String instance, long bytes,
                        long durationMillis, long at) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    private static final long FLUSH_MILLIS = 250;
    private static final long PRUNE_MILLIS = 3_600_000;

    private final Ledger ledger;
    private final ConcurrentLinkedQueue<Entry> pending = new ConcurrentLinkedQueue<>();
    private ScheduledExecutorService writer;
    private volatile long keepMillis = 30L * 24 * 3_600_000;

    Journal(Ledger ledger) {
        this.ledger = ledger;
    }

    /** How long events are kept (ferry.journal.keep-days); starts the writer and the hourly pruning. */
    public synchronized void start(long keepDays) {
        keepMillis = keepDays * 24 * 3_600_000;
        if (writer != null) {
            return;
        }
        writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ferry-journal");
            t.setDaemon(true);
            return t;
        });
        writer.scheduleWithFixedDelay(this::flushQuietly, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
        writer.scheduleWithFixedDelay(this::pruneQuietly, 0, PRUNE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Notes an event of the file with ledger key {@code key}; {@code instance} is this one's name. */
    public void record(LedgerKey key, Event event, String detail) {
        record(key, event, detail, -1, -1);
    }

    public void record(LedgerKey key, Event event, String detail, long bytes, long durationMillis) {
        record(key.hash(), key.workflow(), nameOf(key.source()), event, detail, bytes, durationMillis);
    }

    public void record(String hash, String flow, String name, Event event, String detail, long bytes, long durationMillis) {
        pending.add(new Entry(hash, flow, name, event, detail == null ? null : clip(detail), ledger.owner(), bytes,
                durationMillis, ledger.clock().millis()));
    }

    /** Writes what is pending now (the reader of a journey wants the latest events). */
    public void flush() throws SQLException {
        List<Entry> batch = new ArrayList<>();
        for (Entry e = pending.poll(); e != null; e = pending.poll()) {
            batch.add(e);
        }
        if (batch.isEmpty()) {
            return;
        }
        ledger.withConnectionUnlogged(db -> {
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO ferry_journal (key_hash, flow, name, event, "
                    + "detail, instance, bytes, duration_ms, at) VALUES (?,?,?,?,?,?,?,?,?)")) {
                for (Entry e : batch) {
                    insert.setString(1, e.id());
                    insert.setString(2, e.flow());
                    insert.setString(3, clip(e.name(), 1000));
                    insert.setString(4, e.event().name());
                    insert.setString(5, e.detail());
                    insert.setString(6, e.instance());
                    insert.setLong(7, e.bytes());
                    insert.setLong(8, e.durationMillis());
                    insert.setLong(9, e.at());
                    insert.addBatch();
                }
                return insert.executeBatch();
            }
        });
    }

    /** The events of files whose name matches {@code pattern} (see {@link Ledger#likePattern}), oldest first. */
    public List<Entry> journey(String pattern, int limit) throws SQLException {
        flush();
        return query("name LIKE ? ESCAPE '\\'", Ledger.likePattern(pattern), limit);
    }

    /** The events of one file (its ledger id), oldest first. */
    public List<Entry> journeyOf(String id) throws SQLException {
        flush();
        return query("key_hash = ?", id, 1000);
    }

    private List<Entry> query(String where, String value, int limit) throws SQLException {
        return ledger.withConnection(db -> {
            // the newest events of the newest files, then put back in time order
            try (PreparedStatement q = db.prepareStatement("SELECT key_hash, flow, name, event, detail, instance, bytes, "
                    + "duration_ms, at, id FROM ferry_journal WHERE " + where + " ORDER BY at DESC, id DESC")) {
                q.setString(1, value);
                q.setMaxRows(limit);
                List<Entry> out = new ArrayList<>();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(0, new Entry(rs.getString(1), rs.getString(2), rs.getString(3), Event.valueOf(rs.getString(4)),
                                rs.getString(5), rs.getString(6), rs.getLong(7), rs.getLong(8), rs.getLong(9)));
                    }
                }
                return out;
            }
        });
    }

    /** Deletes events older than the keeping time; returns how many. */
    public int prune() throws SQLException {
        long before = ledger.clock().millis() - keepMillis;
        return ledger.withConnectionUnlogged(db -> {
            try (PreparedStatement delete = db.prepareStatement("DELETE FROM ferry_journal WHERE at < ?")) {
                delete.setLong(1, before);
                return delete.executeUpdate();
            }
        });
    }

    void close() {
        if (writer != null) {
            writer.shutdownNow();
        }
        flushQuietly();
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (SQLException e) {
            // events are a record, not the delivery: a ledger outage loses a few of them, never a file
            LOG.warn("Journal could not write {} event(s): {}", pending.size(), e.getMessage());
        }
    }

    private void pruneQuietly() {
        try {
            int gone = prune();
            if (gone > 0) {
                LOG.debug("Journal: {} event(s) older than the keeping time removed", gone);
            }
        } catch (SQLException e) {
            // the next hour tries again
            LOG.warn("Journal could not be pruned: {}", e.getMessage());
        }
    }

    /** The file name of a ledger source (a local path or a server URL with a path). */
    public static String nameOf(String source) {
        int slash = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
        return source.substring(slash + 1);
    }

    private static String clip(String text) {
        return clip(text, 4000);
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
