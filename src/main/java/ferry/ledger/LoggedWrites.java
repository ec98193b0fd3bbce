package ferry.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
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
     * empties the log. {@code db} has auto-commit on.
     */
    void recover(Connection db) throws SQLException, IOException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT seq FROM ferry_wal")) {
            seq = rs.next() ? rs.getLong(1) : 0;
        }
        List<Transaction> pending = log.read().stream().filter(t -> t.seq() > seq).toList();
        if (!pending.isEmpty()) {
            db.setAutoCommit(false);
            try {
                for (Transaction t : pending) {
                    for (Execution e : t.executions()) {
                        replay(db, e);
                    }
                    seq = t.seq();
                    writeSeq(db);
                    db.commit();
                }
            } finally {
                db.setAutoCommit(true);
            }
            LOG.info("Ledger: {} transaction(s) recovered from {} (written before Ferry last ended without closing the ledger)",
                    pending.size(), log.file());
        }
        checkpoint(db);
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
     * it changed anything, in the log. A failure rolls everything back, as auto-commit statements would have been.
     */
    <T> T run(Connection db, Ledger.SqlWork<T> work) throws SQLException {
        RecordingConnection recording = RecordingConnection.over(db);
        try {
            T result = work.run(recording.connection());
            List<Execution> executed = recording.executed();
            if (executed.isEmpty()) {
                db.commit();
                return result;
            }
            seq++;
            writeSeq(db);
            db.commit();
            log.append(new Transaction(seq, List.copyOf(executed)));
            if (log.size() > CHECKPOINT_BYTES) {
                checkpoint(db);
            }
            return result;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(db, e);
            throw e;
        } catch (IOException e) {
            // committed in memory, but not durable: the caller must not go on as if it were
            throw new SQLException("the ledger's write-ahead log " + log.file() + " cannot be written: " + e.getMessage(), e);
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

    private void writeSeq(Connection db) throws SQLException {
        try (PreparedStatement up = db.prepareStatement(SEQ_UPDATE)) {
            up.setLong(1, seq);
            up.executeUpdate();
        }
    }

    /** The database stores every committed change in its own file; the log is then empty. */
    void checkpoint(Connection db) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("CHECKPOINT");
        }
        try {
            log.clear();
        } catch (IOException e) {
            throw new UncheckedIOException("the ledger's write-ahead log " + log.file() + " cannot be emptied", e);
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
