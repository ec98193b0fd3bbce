package ferry.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

import ferry.ledger.Ledger;

/** The ledger opened read-only, for when no Ferry runs: the embedded H2 file under ferry.data, or ferry.ledger.url. */
final class OfflineLedger {

    private OfflineLedger() {
    }

    static Ledger open(Settings settings) throws SQLException {
        String url = settings.get("ferry.ledger.url");
        if (url.isEmpty()) {
            Path folder = settings.path("ferry.data").resolve("ledger");
            Path file = folder.resolve("ferry");
            if (!Files.exists(Path.of(file + ".mv.db"))) {
                throw new SQLException("no ledger at " + file + ".mv.db: Ferry has not run with this data folder (ferry.data)");
            }
            recover(folder);
            // IFEXISTS: never create an empty ledger; read only: the running Ferry's file is not ours to change
            url = "jdbc:h2:file:" + file + ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r";
        }
        return Ledger.readOnly(url, settings.get("ferry.ledger.username"), settings.get("ferry.ledger.password"));
    }

    /**
     * Ferry ended without closing its ledger (killed): its last writes are still only in the write-ahead log, so
     * they are put in the database first, as Ferry's next start would, or the command would show a stale state.
     */
    private static void recover(Path folder) throws SQLException {
        Path log = Ledger.writeAheadLog(folder);
        try {
            if (!Files.exists(log) || Files.size(log) == 0) {
                return;
            }
        } catch (java.io.IOException e) {
            throw new SQLException("the ledger's write-ahead log " + log + " cannot be read: " + e.getMessage(), e);
        }
        try {
            Ledger.embedded(folder, "command line", 0, java.time.Clock.systemUTC()).close();
        } catch (SQLException e) {
            // no right to write there, or a log that does not fit: show what the database file holds, and say so
            System.err.println("ferry: the ledger is shown as its database file last stored it; its write-ahead log " + log
                    + " could not be applied: " + e.getMessage());
        }
    }
}
