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
            Path file = settings.path("ferry.data").resolve("ledger").resolve("ferry");
            if (!Files.exists(Path.of(file + ".mv.db"))) {
                throw new SQLException("no ledger at " + file + ".mv.db: Ferry has not run with this data folder (ferry.data)");
            }
            // IFEXISTS: never create an empty ledger; read only: the running Ferry's file is not ours to change
            url = "jdbc:h2:file:" + file + ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r";
        }
        return Ledger.readOnly(url, settings.get("ferry.ledger.username"), settings.get("ferry.ledger.password"));
    }
}
