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

    /**
     * Rebuilds the database in {@code folder} (closed); returns where the damaged file was kept. The new file is made
     * under another name first and takes the damaged one's place only when whole: a rebuild that fails (a full disk)
     * leaves the damaged file where it was, never an empty ledger that would send every file again.
     */
    static Path rebuild(Path folder, SQLException damaged) throws SQLException {
        Path script = folder.resolve("ferry-rebuild.sql");
        Path file = folder.resolve("ferry.mv.db");
        Path rebuilt = folder.resolve("ferry-rebuilt.mv.db");
        Path kept = folder.resolve("ferry.mv.db.damaged-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        try {
            Files.deleteIfExists(rebuilt);
            try (Connection db = DriverManager.getConnection(Ledger.embeddedUrl(folder), "", "");
                 Statement st = db.createStatement()) {
                st.execute("SCRIPT TO " + quoted(script));
            }
            try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + folder.resolve("ferry-rebuilt"), "", "");
                 Statement st = db.createStatement()) {
                st.execute("RUNSCRIPT FROM " + quoted(script));
            }
            Files.move(file, kept);
            try {
                Files.move(rebuilt, file);
            } catch (IOException e) {
                Files.move(kept, file);
                throw e;
            }
            Files.delete(script);
            return kept;
        } catch (SQLException | IOException e) {
            try {
                Files.deleteIfExists(rebuilt);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            SQLException failed = new SQLException("the ledger in " + folder + " was damaged by a crash (" + damaged.getMessage()
                    + ") and could not be rebuilt from its rows (" + e.getMessage() + "); " + file.getFileName()
                    + " is left as it was", e);
            failed.addSuppressed(damaged);
            throw failed;
        }
    }

    /** A path as an SQL string literal. */
    private static String quoted(Path path) {
        return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
    }
}
