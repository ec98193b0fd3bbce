package ferry.ledger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and upgrades the ledger's tables on start, recording each step in {@code ferry_schema}. On
 * PostgreSQL the steps run under an advisory lock: instances starting together would otherwise race on
 * {@code CREATE TABLE IF NOT EXISTS} (a unique violation on pg_type) and on the version rows.
 */
final class SchemaMigration {

    /** Step n (1-based) brings the schema to version n. Never edit a shipped step: add one. */
    private static final List<List<String>> STEPS = List.of(
            List.of("CREATE TABLE IF NOT EXISTS ferry_file ("
                    + "key_hash CHAR(64) PRIMARY KEY, workflow VARCHAR(100) NOT NULL, source VARCHAR(4000) NOT NULL, "
                    + "size BIGINT NOT NULL, mtime BIGINT NOT NULL, state VARCHAR(20) NOT NULL, "
                    + "owner VARCHAR(200), lease_until BIGINT NOT NULL, message_id VARCHAR(200), "
                    + "attempts INT NOT NULL, error VARCHAR(4000), created BIGINT NOT NULL, updated BIGINT NOT NULL)"),
            // singleton work (housekeeping): one lease row per namespace, see LeaderLeases
            List.of("CREATE TABLE IF NOT EXISTS ferry_leader (namespace VARCHAR(200) PRIMARY KEY, "
                    + "owner VARCHAR(200) NOT NULL, lease_until BIGINT NOT NULL, since BIGINT NOT NULL)"),
            // attempts that ended with their instance (kill -9, out of memory), and whether the attempt was only
            // waiting out a temporary fault (a death while waiting is not the file's doing), see Ledger.claim
            List.of("ALTER TABLE ferry_file ADD COLUMN IF NOT EXISTS died_attempts INT DEFAULT 0 NOT NULL",
                    "ALTER TABLE ferry_file ADD COLUMN IF NOT EXISTS retry_wait INT DEFAULT 0 NOT NULL"));

    public static final int VERSION = STEPS.size();

    /** Any fixed number: the advisory lock key all Ferry instances agree on. */
    private static final long LOCK_KEY = 0x46455252_59L;

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigration.class);

    private SchemaMigration() {
    }

    static void migrate(Connection db) throws SQLException {
        boolean postgres = db.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        try (Statement st = db.createStatement()) {
            if (postgres) {
                // session-level lock, held until the unlock below; waits for an instance migrating right now
                st.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ")");
            }
            try {
                st.executeUpdate("CREATE TABLE IF NOT EXISTS ferry_schema (version INT NOT NULL)");
                int version = current(st);
                for (int step = version; step < VERSION; step++) {
                    for (String sql : STEPS.get(step)) {
                        st.executeUpdate(sql);
                    }
                    st.executeUpdate("INSERT INTO ferry_schema (version) VALUES (" + (step + 1) + ")");
                    LOG.info("Ledger schema migrated to version {}", step + 1);
                }
                if (version > VERSION) {
                    throw new SQLException("the ledger's schema is version " + version + ", newer than this Ferry knows ("
                            + VERSION + "): run the newer Ferry, or a ledger of its own");
                }
            } finally {
                if (postgres) {
                    st.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
                }
            }
        }
    }

    private static int current(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT MAX(version) FROM ferry_schema")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
