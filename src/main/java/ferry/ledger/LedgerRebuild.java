package ferry.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Rebuilds the embedded ledger's database file from its own rows, for a file that refused its write-ahead log after
 * a crash. Seen once after a kill -9 (a CI run of NewsCrashTest): H2 had stored a primary key entry of a transaction
 * the crash cut short without its row, so replaying that transaction's insert from the log failed as a duplicate
 * and Ferry could not start. H2's SCRIPT reads each table's committed rows, not its indexes; a new file made from
 * that script holds the same stored state without the stray entry, and the log is replayed into it. The damaged
 * file stays beside it, renamed.
 */
final class LedgerRebuild {

    private LedgerRebuild() {
    }

    /** Rebuilds the database in {@code folder} (closed); returns where the damaged file was kept. */
    static Path rebuild(Path folder, SQLException damaged) throws SQLException {
        Path script = folder.resolve("ferry-rebuild.sql");
        Path file = folder.resolve("ferry.mv.db");
        Path kept = folder.resolve("ferry.mv.db.damaged-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        try {
            try (Connection db = DriverManager.getConnection(Ledger.embeddedUrl(folder), "", "");
                 Statement st = db.createStatement()) {
                st.execute("SCRIPT TO " + quoted(script));
            }
            Files.move(file, kept);
            try (Connection db = DriverManager.getConnection(Ledger.embeddedUrl(folder), "", "");
                 Statement st = db.createStatement()) {
                st.execute("RUNSCRIPT FROM " + quoted(script));
            }
            Files.delete(script);
            return kept;
        } catch (SQLException | IOException e) {
            SQLException failed = new SQLException("the ledger in " + folder + " refused its write-ahead log after a crash ("
                    + damaged.getMessage() + ") and could not be rebuilt from its rows: " + e.getMessage()
                    + (Files.exists(kept) ? "; the damaged file is kept as " + kept.getFileName() : ""), e);
            failed.addSuppressed(damaged);
            throw failed;
        }
    }

    /** A path as an SQL string literal. */
    private static String quoted(Path path) {
        return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
    }
}
