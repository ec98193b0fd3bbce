package ferry.ledger;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import ferry.ledger.WriteAheadLog.Execution;
import ferry.ledger.WriteAheadLog.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded ledger's durability: each piece of work is one transaction of the H2 database, which stores its
 * pages in the background ({@code WRITE_DELAY}), and is in the {@link WriteAheadLog} before its caller goes on.
 * The transaction also writes its sequence number to {@code ferry_wal}, so after a crash the database knows the
 * last transaction it stored, and only the ones after it are replayed from the log. Once the log grows past
 * {@link #CHECKPOINT_BYTES}, the database stores everything and the log starts again empty.
 */
final class LoggedWrites {

    static final long CHECKPOINT_BYTES = 1 << 20;
    private static final String SEQ_UPDATE = "UPDATE ferry_wal SET seq=?";
    private static final Logger LOG = LoggerFactory.getLogger(LoggedWrites.class);

    private final WriteAheadLog log;
    private long seq;

    LoggedWrites(WriteAheadLog log) {
        this.log = log;
    }

    /**
     * Brings the database up to the last transaction in the log (the ones a crash kept from its file), stores it and
     * empties the log. {@code db} has auto-commit on. Also when the database was opened again while Ferry runs.
     * {@code afterCrash}: the last run did not close the ledger, so the file is checked too (see {@link #checkKeys}).
     */
    void recover(Connection db, boolean afterCrash) throws SQLException, IOException {
        try (Statement st = db.createStatement()) {
            seq = storedSeq(st);
            if (seq < 0) {
                // the migration made the row; without it no transaction's number would reach the database file
                st.executeUpdate("INSERT INTO ferry_wal (seq) VALUES (0)");
                seq = 0;
            }
        }
        List<Transaction> pending = log.read().stream().filter(t -> t.seq() > seq).toList();
        if (!pending.isEmpty() && pending.get(0).seq() != seq + 1) {
            // the log does not continue this database (a database file restored or copied in beside a newer log):
            // replaying it would apply changes to a state they were not made on
            throw new SQLException("the ledger's write-ahead log " + log.file() + " does not continue the database beside it "
                    + "(the database's last transaction is " + seq + ", the log's next is " + pending.get(0).seq()
                    + "): if the database file was restored on purpose, move the log away and start again");
        }
        if (!pending.isEmpty()) {
            db.setAutoCommit(false);
            try {
                for (Transaction t : pending) {
                    try {
                        for (Execution e : t.executions()) {
                            replay(db, e);
                        }
                    } catch (SQLException e) {
                        db.rollback();
                        throw new DamagedFileException("transaction " + t.seq() + " of the write-ahead log could not be replayed", e);
                    }
                    writeSeq(db, t.seq());
                    db.commit();
                    seq = t.seq();
                }
            } finally {
                db.setAutoCommit(true);
            }
            LOG.info("Ledger: {} transaction(s) recovered from {} (written before the database file stored them)",
                    pending.size(), log.file());
        }
        if (afterCrash) {
            checkKeys(db);
        }
        checkpoint(db);
    }

    /**
     * Every key of the files' table leads to its row. A key stored without its row (what a crash left once, see
     * LedgerRebuild) belongs to a transaction that will never end: whoever claims that file again waits for its lock
     * and gives up, at every poll, and the file is never sent.
     */
    private static void checkKeys(Connection db) throws SQLException {
        long rows;
        long keys;
        try (Statement st = db.createStatement()) {
            rows = count(st, "SELECT COUNT(*) FROM ferry_file");
            // a range on the primary key: read through its index, each key to its row
            keys = count(st, "SELECT COUNT(key_hash) FROM ferry_file WHERE key_hash >= ''");
        } catch (SQLException e) {
            throw new DamagedFileException("its files' keys cannot be read after a crash", e);
        }
        if (rows != keys) {
            throw new DamagedFileException("its files' table has " + rows + " rows but " + keys + " keys after a crash", null);
        }
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The database file is not the state its log continues, or not whole: see LedgerRebuild. */
    static final class DamagedFileException extends SQLException {
        DamagedFileException(String what, SQLException cause) {
            super(cause == null ? what : what + ": " + cause.getMessage(), cause == null ? null : cause.getSQLState(),
                    cause == null ? 0 : cause.getErrorCode(), cause);
        }
    }

    private static void replay(Connection db, Execution e) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(e.sql())) {
            for (int i = 0; i < e.parameters().size(); i++) {
                st.setObject(i + 1, e.parameters().get(i));
            }
            st.executeUpdate();
        }
    }

    /**
     * Runs {@code work} as one transaction on {@code db} (auto-commit off) and returns once it is committed and, when
     * it changed anything, in the log. A failure before the commit rolls the whole work back (several statements of
     * one work are one transaction here, where auto-commit would have kept the ones before the failure).
     */
    <T> T run(Connection db, Ledger.SqlWork<T> work) throws SQLException {
        RecordingConnection recording = new RecordingConnection(db);
        long next = seq + 1;
        byte[] record;
        T result;
        try {
            result = work.run(recording.connection());
            List<Execution> executed = recording.executed();
            if (executed.isEmpty()) {
                db.commit();
                return result;
            }
            // encoded before the commit: a value the log cannot hold fails the work, not a committed transaction
            record = WriteAheadLog.encode(new Transaction(next, List.copyOf(executed)));
            writeSeq(db, next);
            db.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(db, e);
            throw e;
        } catch (IOException e) {
            rollbackQuietly(db, e);
            throw new SQLException("the ledger's write-ahead log cannot hold this transaction: " + e.getMessage(), e);
        }
        // committed: from here the caller must hear success once it is durable, by the log or by the database file
        seq = next;
        appendOrStore(db, record);
        checkpointWhenFull(db);
        return result;
    }

    /**
     * Appends a committed transaction. Should the append fail (disk full), the log is cut back to its last whole
     * record and the database stores everything instead, so the transaction is durable all the same; only when that
     * fails too is the ledger unusable, and the caller hears so.
     */
    private void appendOrStore(Connection db, byte[] record) throws SQLException {
        try {
            log.append(record);
        } catch (IOException appending) {
            try {
                // the database stores everything, and the log (with whatever part of the record reached it) is emptied
                checkpoint(db);
                LOG.warn("Ledger: the write-ahead log {} could not be written ({}); the database file stored the ledger instead",
                        log.file(), appending.getMessage());
            } catch (IOException | SQLException storing) {
                storing.addSuppressed(appending);
                throw new SQLException("the ledger could not make a committed change durable: the write-ahead log "
                        + log.file() + " cannot be written (" + appending.getMessage() + ") and the database file could not "
                        + "store it (" + storing.getMessage() + ")", storing);
            }
        }
    }

    /** Runs {@code work} as one transaction that is committed but not logged (see Ledger#withConnectionUnlogged). */
    <T> T runUnlogged(Connection db, Ledger.SqlWork<T> work) throws SQLException {
        try {
            T result = work.run(db);
            db.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(db, e);
            throw e;
        }
    }

    private static void writeSeq(Connection db, long value) throws SQLException {
        try (PreparedStatement up = db.prepareStatement(SEQ_UPDATE)) {
            up.setLong(1, value);
            up.executeUpdate();
        }
    }

    /**
     * A full log is stored and emptied. The caller's transaction is durable already, so a failure here must not fail
     * it (its caller would do the work again): the log just grows until the next try.
     */
    private void checkpointWhenFull(Connection db) {
        try {
            if (log.size() > CHECKPOINT_BYTES) {
                checkpoint(db);
            }
        } catch (IOException | SQLException e) {
            LOG.warn("Ledger: the write-ahead log {} could not be stored and emptied (tried again at the next write): {}",
                    log.file(), e.getMessage());
        }
    }

    /** The database stores every committed change in its own file; the log is then empty. */
    void checkpoint(Connection db) throws SQLException, IOException {
        try (Statement st = db.createStatement()) {
            st.execute("CHECKPOINT");
            // only what the database file holds may leave the log: a database opened again underneath (its last
            // stored state) must not lose the transactions only the log has
            long stored = storedSeq(st);
            if (stored != seq) {
                throw new SQLException("the ledger's database holds transaction " + stored + ", not " + seq
                        + ": its write-ahead log " + log.file() + " is kept");
            }
        }
        log.clear();
    }

    /** The number of the last logged transaction the database holds; -1 when its row is missing. */
    private static long storedSeq(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT seq FROM ferry_wal")) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    void close() throws IOException {
        log.close();
    }

    private static void rollbackQuietly(Connection db, Exception cause) {
        try {
            if (!db.isClosed()) {
                db.rollback();
            }
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
