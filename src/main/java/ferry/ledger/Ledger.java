package ferry.ledger;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The file ledger: one row per file a workflow handles, moving through claimed, delivered and failed.
 * Claims are atomic in the database (a primary-key insert, or a conditional update to take over an
 * expired lease), never query-then-insert, so several instances can share one database.
 */
public class Ledger implements AutoCloseable {

    public static final int SCHEMA_VERSION = SchemaMigration.VERSION;

    /** RELEASED: a claim given back without a verdict (a stop during a retry wait); taken again when next seen. */
    public enum State { CLAIMED, DELIVERED, FAILED, RELEASED }

    /**
     * What a workflow needs to know of a claimed file: its state, attempts that died with their instance, an earlier
     * failure, and whether an upload of it was complete under its hidden name and about to be renamed.
     */
    public record Row(State state, int diedAttempts, boolean failedBefore, boolean renamePending) {
    }

    /** What a claim found: go ahead, already delivered (finish without sending), or held by another live instance. */
    public enum Claim { NEW, RETAKEN, DELIVERED, BUSY }

    private final boolean readOnly;
    private final String url;
    private final String user;
    private final String password;
    private Connection db;
    private boolean closed;
    private final String owner;
    private final long leaseMillis;
    private final Clock clock;
    private long retryFailedAfter = 3_600_000;
    private final java.util.Queue<PendingDelivery> pendingDeliveries = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final Journal journal = new Journal(this);
    private int maxDiedAttempts = 3;
    /** The embedded ledger's write-ahead log (null on a shared database); used once it is recovered. */
    private LoggedWrites logged;
    private boolean logging;
    /** The embedded ledger's mark of being open (removed when it closes; see {@link #open}). */
    private java.nio.file.Path running;

    public Ledger(String url, String user, String password, String owner, long leaseMillis, Clock clock) throws SQLException {
        this(url, user, password, owner, leaseMillis, clock, false);
        SchemaMigration.migrate(db());
    }

    /**
     * The embedded ledger in {@code folder}: an H2 file only this process opens, whose writes are made durable by a
     * write-ahead log beside it (see {@link LoggedWrites}); what a crash kept from the database file is recovered
     * from the log here, before anything reads it.
     */
    public static Ledger embedded(java.nio.file.Path folder, String owner, long leaseMillis, Clock clock) throws SQLException {
        return embedded(folder, 500, owner, leaseMillis, clock);
    }

    /** {@link #embedded(java.nio.file.Path, String, long, Clock)} with H2's background store every {@code writeDelay} ms. */
    static Ledger embedded(java.nio.file.Path folder, int writeDelay, String owner, long leaseMillis, Clock clock) throws SQLException {
        // one opening at a time per folder (Ferry and the command line): a rebuild moves the database file, and H2's
        // own lock is let go between its steps
        synchronized (Ledger.class) {
            try {
                java.nio.file.Files.createDirectories(folder);
                try (java.nio.channels.FileChannel lockFile = java.nio.channels.FileChannel.open(folder.resolve("ferry.open.lock"),
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                     java.nio.channels.FileLock opening = lockFile.lock()) {
                    return openOrRebuild(folder, writeDelay, owner, leaseMillis, clock);
                }
            } catch (java.io.IOException e) {
                throw new SQLException("the ledger in " + folder + " cannot be opened: its folder or lock file cannot be used: "
                        + e.getMessage(), e);
            }
        }
    }

    private static Ledger openOrRebuild(java.nio.file.Path folder, int writeDelay, String owner, long leaseMillis, Clock clock)
            throws SQLException {
        try {
            return open(folder, writeDelay, owner, leaseMillis, clock);
        } catch (LoggedWrites.DamagedFileException damaged) {
            // the database file is not the state its log continues (see LedgerRebuild): rebuilt once from its rows
            java.nio.file.Path kept = LedgerRebuild.rebuild(folder, damaged);
            try {
                Ledger ledger = open(folder, writeDelay, owner, leaseMillis, clock);
                org.slf4j.LoggerFactory.getLogger(Ledger.class).warn("Ledger: the database file in {} was damaged by a crash "
                        + "({}); it was rebuilt from its rows and the write-ahead log replayed; the damaged file is kept as {}",
                        folder, damaged.getMessage(), kept.getFileName());
                return ledger;
            } catch (SQLException again) {
                again.addSuppressed(damaged);
                throw new SQLException("the ledger in " + folder + " was damaged by a crash (" + damaged.getMessage()
                        + "), and still once rebuilt from its rows (" + again.getMessage() + "); the damaged file is kept as "
                        + kept.getFileName(), again);
            }
        }
    }

    private static Ledger open(java.nio.file.Path folder, int writeDelay, String owner, long leaseMillis, Clock clock) throws SQLException {
        Ledger ledger = new Ledger(embeddedUrl(folder) + ";WRITE_DELAY=" + writeDelay, "", "", owner, leaseMillis, clock);
        try {
            ledger.logged = new LoggedWrites(new WriteAheadLog(writeAheadLog(folder)));
            // there while the ledger is open: found at a start, the last run ended without closing it (a crash)
            java.nio.file.Path running = folder.resolve("ferry.running");
            ledger.startLogging(ledger.db(), java.nio.file.Files.exists(running));
            java.nio.file.Files.writeString(running, owner);
            ledger.running = running;
            ledger.logging = true;
            return ledger;
        } catch (java.io.IOException e) {
            ledger.close();
            throw new SQLException("the ledger's write-ahead log in " + folder + " cannot be read or written: " + e.getMessage(), e);
        } catch (SQLException | RuntimeException e) {
            ledger.close();
            throw e;
        }
    }

    /** The embedded ledger's database in {@code folder}, as H2 names it (without settings). */
    public static String embeddedUrl(java.nio.file.Path folder) {
        return "jdbc:h2:file:" + folder.resolve("ferry");
    }

    /** The embedded ledger's write-ahead log in {@code folder}. */
    public static java.nio.file.Path writeAheadLog(java.nio.file.Path folder) {
        return folder.resolve("ferry.wal");
    }

    /**
     * Puts what only the write-ahead log holds into the database {@code db} (at start, or opened again underneath
     * Ferry), then leaves its transactions to {@link LoggedWrites}.
     */
    private void startLogging(Connection db, boolean afterCrash) throws SQLException {
        try {
            logged.recover(db, afterCrash);
        } catch (java.io.IOException e) {
            throw new SQLException("the ledger's write-ahead log cannot be read: " + e.getMessage(), e);
        }
        db.setAutoCommit(false);
    }

    private Ledger(String url, String user, String password, String owner, long leaseMillis, Clock clock, boolean readOnly) {
        this.readOnly = readOnly;
        this.url = url;
        this.user = user;
        this.password = password;
        this.owner = owner;
        this.leaseMillis = leaseMillis;
        this.clock = clock;
    }

    /** A ledger only read (the command line while no Ferry runs): no schema change, no claim, no write. */
    public static Ledger readOnly(String url, String user, String password) throws SQLException {
        Ledger ledger = new Ledger(url, user, password, "read-only", 0, Clock.systemUTC(), true);
        ledger.db();
        return ledger;
    }

    /** The open connection, opened again after a connection failure (a database restart, a network cut). */
    private Connection db() throws SQLException {
        if (closed) {
            throw new SQLException("the ledger is closed (Ferry is stopping)");
        }
        if (db == null || db.isClosed()) {
            db = DriverManager.getConnection(url, user, password);
            if (logging) {
                // the database opened again underneath Ferry: its file may lack what only the log holds; from here
                // each piece of work is one transaction LoggedWrites commits
                startLogging(db, false);
            } else {
                // autocommit: each claim is one statement, and on PostgreSQL a refused insert must not abort a transaction
                db.setAutoCommit(true);
            }
            db.setReadOnly(readOnly);
        }
        return db;
    }

    /** Runs database work on this ledger's connection, dropping the connection when it broke so the next call reconnects. */
    synchronized <T> T withConnection(SqlWork<T> work) throws SQLException {
        return uninterrupted(() -> {
            try {
                return logging ? logged.run(db(), work) : work.run(db());
            } catch (SQLException e) {
                // class 08: connection exceptions; the connection is useless now
                if (e.getSQLState() != null && e.getSQLState().startsWith("08") && db != null) {
                    try {
                        db.close();
                    } catch (SQLException closing) {
                        // it is broken already; the next call opens a new one
                    }
                    db = null;
                }
                throw e;
            }
        });
    }

    /**
     * {@link #withConnection}, for writes a crash may lose without losing a file (the journal's events): committed, but
     * not put in the embedded ledger's write-ahead log; the database stores them with everything else a moment later.
     */
    synchronized <T> T withConnectionUnlogged(SqlWork<T> work) throws SQLException {
        if (!logging) {
            return withConnection(work);
        }
        return uninterrupted(() -> logged.runUnlogged(db(), work));
    }

    /**
     * Runs {@code call} with the thread's interrupt held off, and restored after: an interrupted thread (a worker a
     * forced stop interrupted) still records what it did, as H2's file channels would close under it and leave the
     * ledger unusable for every other thread.
     */
    private static <T> T uninterrupted(SqlCall<T> call) throws SQLException {
        boolean interrupted = Thread.interrupted();
        try {
            return call.call();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Ledger work that brings its own connection. */
    @FunctionalInterface
    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    /** One piece of work on the ledger's connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection db) throws SQLException;
    }

    /** Every file's journey, event by event. */
    public Journal journal() {
        return journal;
    }

    /** This instance's name in the ledger. */
    public String owner() {
        return owner;
    }

    public long leaseMillis() {
        return leaseMillis;
    }

    /** The ledger's clock (the database's time on a shared ledger, so instance clocks do not matter). */
    public Clock clock() {
        return clock;
    }

    /** The database server's current time. */
    public Instant databaseTime() throws SQLException {
        return withConnection(db -> {
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT CURRENT_TIMESTAMP")) {
                rs.next();
                return rs.getObject(1, OffsetDateTime.class).toInstant();
            }
        });
    }

    /** How long (ms) a permanently failed file with an unchanged key is left alone before it may be tried again. */
    public void setRetryFailedAfter(long millis) {
        this.retryFailedAfter = millis;
    }

    /** After this many attempts that ended with their instance (killed, out of memory) a file is failed, not taken again. */
    public void setMaxDiedAttempts(int attempts) {
        this.maxDiedAttempts = attempts;
    }

    public int maxDiedAttempts() {
        return maxDiedAttempts;
    }

    /** Claims a file for this instance, to work on it now. */
    public Claim claim(LedgerKey key) throws SQLException {
        return claim(key, true);
    }

    /**
     * Claims files of one listing in one transaction, in their order, until {@code max} are this instance's
     * (a claim another live instance holds does not count): one round trip to commit instead of one per file,
     * and no instance takes more than its share of a poll. The answers, in order, for the keys tried.
     */
    public List<Claim> claimAll(List<LedgerKey> keys, int max) throws SQLException {
        return withConnection(db -> {
            db.setAutoCommit(false);
            try {
                List<Claim> claims = new ArrayList<>();
                int taken = 0;
                for (LedgerKey key : keys) {
                    if (taken >= max) {
                        break;
                    }
                    // queued: a batch is worked through after its claims, see attemptStarted
                    Claim claim = claim(db, key, false);
                    claims.add(claim);
                    if (claim != Claim.BUSY) {
                        taken++;
                    }
                }
                db.commit();
                return claims;
            } catch (SQLException e) {
                try {
                    db.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                if (!db.isClosed()) {
                    db.setAutoCommit(true);
                }
            }
        });
    }

    /**
     * Claims a file for this instance: to work on it now ({@code atWork}), or to queue it behind others (a poll's
     * batch), until {@link #attemptStarted}. Only an attempt at work counts as died when its instance dies: a file
     * that was merely queued at a kill -9 did nothing to cause it.
     */
    public Claim claim(LedgerKey key, boolean atWork) throws SQLException {
        return withConnection(db -> claim(db, key, atWork));
    }

    /** The claimed file's attempt is at work now: should this instance die before its verdict, the attempt counts as died. */
    public void attemptStarted(LedgerKey key) throws SQLException {
        retryWait(key, false);
    }

    private Claim claim(Connection db, LedgerKey key, boolean atWork) throws SQLException {
        long now = clock.millis();
        // retry_wait: 1 while the claim is not at work (queued, or waiting out a fault), see attemptStarted
        int idle = atWork ? 0 : 1;
        // inside a transaction a refused insert must not abort it (PostgreSQL would refuse every later statement)
        java.sql.Savepoint beforeInsert = db.getAutoCommit() ? null : db.setSavepoint();
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO ferry_file (key_hash, workflow, source, size, "
                + "mtime, state, owner, lease_until, attempts, created, updated, retry_wait) VALUES (?,?,?,?,?,?,?,?,1,?,?,?)")) {
            insert.setString(1, key.hash());
            insert.setString(2, key.workflow());
            insert.setString(3, key.source());
            insert.setLong(4, key.size());
            insert.setLong(5, key.mtime());
            insert.setString(6, State.CLAIMED.name());
            insert.setString(7, owner);
            insert.setLong(8, now + leaseMillis);
            insert.setLong(9, now);
            insert.setLong(10, now);
            insert.setInt(11, idle);
            insert.executeUpdate();
            if (beforeInsert != null) {
                db.releaseSavepoint(beforeInsert);
            }
            return Claim.NEW;
        } catch (SQLException e) {
            if (!isDuplicate(e)) {
                throw e;
            }
            if (beforeInsert != null) {
                db.rollback(beforeInsert);
            }
        }
        try (PreparedStatement q = db.prepareStatement("SELECT state, owner, lease_until FROM ferry_file WHERE key_hash=?")) {
            q.setString(1, key.hash());
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next() && State.DELIVERED.name().equals(rs.getString(1))) {
                    // delivered, source not yet moved: its owner is moving it right now unless it is us (restarted) or
                    // its lease ran out (it died between the ledger write and the move); then we finish the move
                    boolean ours = owner.equals(rs.getString(2)) || rs.getLong(3) < now;
                    return ours ? Claim.DELIVERED : Claim.BUSY;
                }
            }
        }
        // our own leftover from before a restart, a lease that ran out, a claim given back at a stop, or a failure
        // old enough to try again (a failed file that could not be moved away must not be retried on every poll; one
        // that was moved away has lease_until 0, so seeing it again means a user put it back: a new attempt at once).
        // A CLAIMED row taken over means its attempt died with its instance, unless it was only waiting out a fault.
        try (PreparedStatement take = db.prepareStatement("UPDATE ferry_file SET "
                + "died_attempts=CASE WHEN state=? AND retry_wait=0 THEN died_attempts+1 WHEN state=? THEN 0 ELSE died_attempts END, "
                + "state=?, owner=?, lease_until=?, attempts=attempts+1, retry_wait=?, updated=? WHERE key_hash=? AND "
                + "((state=? AND (owner=? OR lease_until<?)) OR (state=? AND lease_until<?) OR state=?)")) {
            take.setString(1, State.CLAIMED.name());
            take.setString(2, State.FAILED.name());
            take.setString(3, State.CLAIMED.name());
            take.setString(4, owner);
            take.setLong(5, now + leaseMillis);
            take.setInt(6, idle);
            take.setLong(7, now);
            take.setString(8, key.hash());
            take.setString(9, State.CLAIMED.name());
            take.setString(10, owner);
            take.setLong(11, now);
            take.setString(12, State.FAILED.name());
            take.setLong(13, now);
            take.setString(14, State.RELEASED.name());
            return take.executeUpdate() == 1 ? Claim.RETAKEN : Claim.BUSY;
        }
    }

    /**
     * Records a delivery; returns once it is committed (the source may be moved then). Deliveries recorded at the
     * same moment by parallel workers are committed together, in one transaction (a group commit): the first
     * worker to get the connection writes every waiting record, the others find theirs done.
     */
    public void delivered(LedgerKey key, String messageId) throws SQLException {
        PendingDelivery mine = new PendingDelivery(key, messageId);
        pendingDeliveries.add(mine);
        synchronized (this) {
            if (!mine.written) {
                List<PendingDelivery> group = new ArrayList<>();
                for (PendingDelivery p; (p = pendingDeliveries.poll()) != null; ) {
                    group.add(p);
                }
                SQLException failure = null;
                try {
                    withConnection(db -> writeDeliveries(db, group));
                } catch (SQLException e) {
                    failure = e;
                }
                for (PendingDelivery p : group) {
                    p.failure = failure;
                    p.written = true;
                }
            }
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    private Void writeDeliveries(Connection db, List<PendingDelivery> group) throws SQLException {
        boolean transaction = group.size() > 1;
        if (transaction) {
            db.setAutoCommit(false);
        }
        try {
            for (PendingDelivery p : group) {
                if (!markDelivered(db, p)) {
                    // delivered without a claim row (a step used outside a ledger-aware consumer): record it all the same
                    claim(db, p.key, true);
                    markDelivered(db, p);
                }
            }
            if (transaction) {
                db.commit();
            }
            return null;
        } catch (SQLException e) {
            if (transaction) {
                try {
                    db.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
            }
            throw e;
        } finally {
            if (transaction && !db.isClosed()) {
                db.setAutoCommit(true);
            }
        }
    }

    private boolean markDelivered(Connection db, PendingDelivery p) throws SQLException {
        try (PreparedStatement up = db.prepareStatement(
                "UPDATE ferry_file SET state=?, message_id=?, error=NULL, rename_pending=0, updated=? WHERE key_hash=?")) {
            up.setString(1, State.DELIVERED.name());
            up.setString(2, p.messageId);
            up.setLong(3, clock.millis());
            up.setString(4, p.key.hash());
            return up.executeUpdate() == 1;
        }
    }

    /** A delivery waiting for the next group commit; {@code written} once committed or failed. */
    private static final class PendingDelivery {
        private final LedgerKey key;
        private final String messageId;
        private volatile boolean written;
        private volatile SQLException failure;

        PendingDelivery(LedgerKey key, String messageId) {
            this.key = key;
            this.messageId = messageId;
        }
    }

    /** Records a permanent failure; the same file (same key) is tried again only after {@code retryFailedAfter} ms. */
    public void failed(LedgerKey key, String reason) throws SQLException {
        withConnection(db -> {
            try (PreparedStatement up = db.prepareStatement(
                    "UPDATE ferry_file SET state=?, error=?, updated=?, lease_until=?, rename_pending=0 WHERE key_hash=?")) {
                up.setString(1, State.FAILED.name());
                up.setString(2, reason == null ? null : reason.substring(0, Math.min(reason.length(), 4000)));
                up.setLong(3, clock.millis());
                up.setLong(4, clock.millis() + retryFailedAfter);
                up.setString(5, key.hash());
                return up.executeUpdate();
            }
        });
    }

    /**
     * Gives up a claim without a verdict (the file was not taken after all, or Ferry stopped while it waited out a
     * fault): a first claim is forgotten, a later one is marked RELEASED, so the next poll or start takes it at once.
     */
    public void release(LedgerKey key) throws SQLException {
        withConnection(db -> {
            // not a claim whose upload was complete and about to be renamed: the rename may have gone through before
            // a lost reply, and only the row's rename-pending mark tells the next attempt to look before uploading again
            try (PreparedStatement del = db.prepareStatement("DELETE FROM ferry_file WHERE key_hash=? AND state=? AND owner=? "
                    + "AND attempts=1 AND died_attempts=0 AND error IS NULL AND rename_pending=0")) {
                del.setString(1, key.hash());
                del.setString(2, State.CLAIMED.name());
                del.setString(3, owner);
                if (del.executeUpdate() == 1) {
                    return 1;
                }
            }
            try (PreparedStatement up = db.prepareStatement("UPDATE ferry_file SET state=?, lease_until=0, retry_wait=0, updated=? "
                    + "WHERE key_hash=? AND state=? AND owner=?")) {
                up.setString(1, State.RELEASED.name());
                up.setLong(2, clock.millis());
                up.setString(3, key.hash());
                up.setString(4, State.CLAIMED.name());
                up.setString(5, owner);
                return up.executeUpdate();
            }
        });
    }

    /** A failed file was moved out of its source folder: if it is seen there again, a user put it back to retry it. */
    public void movedAway(LedgerKey key) throws SQLException {
        withConnection(db -> {
            try (PreparedStatement up = db.prepareStatement("UPDATE ferry_file SET lease_until=0 WHERE key_hash=? AND state=?")) {
                up.setString(1, key.hash());
                up.setString(2, State.FAILED.name());
                return up.executeUpdate();
            }
        });
    }

    /**
     * Records that this instance's upload of the file is complete under its hidden name and about to be renamed to
     * its own: the moment after which a crash could leave the file delivered on the server but not in the ledger.
     * The next attempt then finds the hidden file gone (renamed) and records the delivery instead of uploading again.
     */
    public void renamePending(LedgerKey key) throws SQLException {
        withConnection(db -> {
            try (PreparedStatement up = db.prepareStatement("UPDATE ferry_file SET rename_pending=1 WHERE key_hash=? AND state=? AND owner=?")) {
                up.setString(1, key.hash());
                up.setString(2, State.CLAIMED.name());
                up.setString(3, owner);
                return up.executeUpdate();
            }
        });
    }

    /** Marks this instance's claim as only waiting out a temporary fault (true) or attempting again (false). */
    public void retryWait(LedgerKey key, boolean waiting) throws SQLException {
        withConnection(db -> {
            try (PreparedStatement up = db.prepareStatement("UPDATE ferry_file SET retry_wait=? WHERE key_hash=? AND state=? AND owner=?")) {
                up.setInt(1, waiting ? 1 : 0);
                up.setString(2, key.hash());
                up.setString(3, State.CLAIMED.name());
                up.setString(4, owner);
                return up.executeUpdate();
            }
        });
    }

    public Optional<Row> row(LedgerKey key) throws SQLException {
        return withConnection(db -> {
            try (PreparedStatement q = db.prepareStatement("SELECT state, died_attempts, error, rename_pending FROM ferry_file WHERE key_hash=?")) {
                q.setString(1, key.hash());
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next() ? Optional.of(new Row(State.valueOf(rs.getString(1)), rs.getInt(2), rs.getString(3) != null,
                            rs.getInt(4) != 0)) : Optional.empty();
                }
            }
        });
    }

    public Optional<State> state(LedgerKey key) throws SQLException {
        return withConnection(db -> {
            try (PreparedStatement q = db.prepareStatement("SELECT state FROM ferry_file WHERE key_hash=?")) {
                q.setString(1, key.hash());
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next() ? Optional.of(State.valueOf(rs.getString(1))) : Optional.empty();
                }
            }
        });
    }

    /** Extends the lease of every claim this instance holds, so a long transfer is not taken over. */
    public int heartbeat() throws SQLException {
        return withConnection(db -> {
            try (PreparedStatement up = db.prepareStatement(
                    "UPDATE ferry_file SET lease_until=? WHERE owner=? AND state=?")) {
                up.setLong(1, clock.millis() + leaseMillis);
                up.setString(2, owner);
                up.setString(3, State.CLAIMED.name());
                return up.executeUpdate();
            }
        });
    }

    public long count(State state) throws SQLException {
        return withConnection(db -> {
            try (PreparedStatement q = db.prepareStatement("SELECT COUNT(*) FROM ferry_file WHERE state=?")) {
                q.setString(1, state.name());
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** One file as the ledger knows it; {@code id} is its key's hash. */
    public record FileRow(String id, String flow, String source, long size, State state, String owner, int attempts,
                          String messageId, String error, long created, long updated) {
        public String name() {
            return Journal.nameOf(source);
        }
    }

    /**
     * Files by state (null: any), flow (null: any) and name pattern (see {@link #likePattern}), newest first.
     */
    public java.util.List<FileRow> files(State state, String flow, String pattern, int limit) throws SQLException {
        boolean glob = pattern != null && (pattern.contains("*") || pattern.contains("?"));
        String like = pattern == null || pattern.isEmpty() ? "%" : glob ? "%/" + likePattern(pattern) : likePattern(pattern);
        java.util.List<FileRow> rows = rows("(? IS NULL OR state=?) AND (? IS NULL OR workflow=?) AND source LIKE ? ESCAPE '\\'",
                limit, state == null ? null : state.name(), state == null ? null : state.name(), flow, flow, like);
        // the pattern is about the file's name, not the folders above it
        return glob || pattern == null ? rows : rows.stream().filter(f -> f.name().contains(pattern)).toList();
    }

    /** The file with this id (its key's hash), or the one whose id starts with it when only one does. */
    public Optional<FileRow> file(String id) throws SQLException {
        if (id == null || id.length() < 6 || !id.matches("[0-9a-f]+")) {
            return Optional.empty();
        }
        java.util.List<FileRow> found = rows("key_hash LIKE ?", 2, id + "%");
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    private java.util.List<FileRow> rows(String where, int limit, String... values) throws SQLException {
        return withConnection(db -> {
            try (PreparedStatement q = db.prepareStatement("SELECT key_hash, workflow, source, size, state, owner, attempts, "
                    + "message_id, error, created, updated FROM ferry_file WHERE " + where + " ORDER BY updated DESC")) {
                for (int i = 0; i < values.length; i++) {
                    q.setString(i + 1, values[i]);
                }
                q.setMaxRows(limit);
                java.util.List<FileRow> out = new java.util.ArrayList<>();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(new FileRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                                State.valueOf(rs.getString(5)), rs.getString(6), rs.getInt(7), rs.getString(8),
                                rs.getString(9), rs.getLong(10), rs.getLong(11)));
                    }
                }
                return out;
            }
        });
    }

    /**
     * A failed file put back where it came from is taken at once, as a new attempt: its failure no longer
     * holds it back ({@code retryFailedAfter}). Returns false when the file is not failed (any more).
     */
    public boolean retryNow(String id) throws SQLException {
        return withConnection(db -> {
            try (PreparedStatement up = db.prepareStatement(
                    "UPDATE ferry_file SET lease_until=0, updated=? WHERE key_hash=? AND state=?")) {
                up.setLong(1, clock.millis());
                up.setString(2, id);
                up.setString(3, State.FAILED.name());
                return up.executeUpdate() == 1;
            }
        });
    }

    /** Forgets a failed file an operator discarded; should the same file come back, it is new. */
    public boolean discard(String id) throws SQLException {
        return withConnection(db -> {
            try (PreparedStatement del = db.prepareStatement("DELETE FROM ferry_file WHERE key_hash=? AND state=?")) {
                del.setString(1, id);
                del.setString(2, State.FAILED.name());
                return del.executeUpdate() == 1;
            }
        });
    }

    /** Files delivered since {@code since} (ms), by flow. */
    public java.util.Map<String, Long> deliveredSince(long since) throws SQLException {
        return withConnection(db -> {
            try (PreparedStatement q = db.prepareStatement(
                    "SELECT workflow, COUNT(*) FROM ferry_file WHERE state=? AND updated>=? GROUP BY workflow")) {
                q.setString(1, State.DELIVERED.name());
                q.setLong(2, since);
                java.util.Map<String, Long> out = new java.util.TreeMap<>();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getLong(2));
                    }
                }
                return out;
            }
        });
    }

    /**
     * A user's file-name pattern as SQL LIKE: {@code *} and {@code ?} are wildcards; without any, the name
     * contains the text. LIKE's own {@code %} and {@code _} are taken literally.
     */
    public static String likePattern(String pattern) {
        String p = pattern == null ? "" : pattern;
        String escaped = p.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                .replace('*', '%').replace('?', '_');
        return p.contains("*") || p.contains("?") ? escaped : "%" + escaped + "%";
    }

    static boolean isDuplicate(SQLException e) {
        // 23505: unique violation in both H2 and PostgreSQL
        return "23505".equals(e.getSQLState()) || e instanceof java.sql.SQLIntegrityConstraintViolationException;
    }

    @Override
    public void close() throws SQLException {
        journal.close();
        closeConnection();
    }

    private synchronized void closeConnection() throws SQLException {
        closed = true;
        try {
            if (db != null && logging && !db.isClosed()) {
                // stored and the log emptied: the next start has nothing to recover
                logged.checkpoint(db);
                if (running != null) {
                    java.nio.file.Files.deleteIfExists(running);
                }
            }
        } catch (java.io.IOException e) {
            throw new SQLException("the ledger's write-ahead log could not be emptied (the next start replays it): "
                    + e.getMessage(), e);
        } finally {
            if (db != null) {
                db.close();
            }
            if (logged != null) {
                try {
                    logged.close();
                } catch (java.io.IOException e) {
                    // closing a file whose content is already in the database; nothing is lost
                }
            }
        }
    }
}
