package ferry.fault;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where each missing file of a fault test is, for its failure message: the local folders (outbox, failed with
 * its report's reason, archive), the server's folder, .done and .failed, and each ledger row Ferry kept for it.
 * Read once Ferry is down (its embedded ledger is locked while it runs).
 */
final class Whereabouts {

    /** Enough to see a pattern without a message of a thousand lines. */
    private static final int SHOWN = 25;

    private Whereabouts() {
    }

    static String of(Collection<String> missing, Path data, Path incoming) {
        StringBuilder out = new StringBuilder();
        String url = "jdbc:h2:file:" + data.resolve("ledger").resolve("ferry");
        try {
            // what a kill -9 kept from the database file is in its write-ahead log: recovered as Ferry's start would
            ferry.ledger.Ledger.embedded(data.resolve("ledger"), "whereabouts", 10_000, java.time.Clock.systemUTC()).close();
        } catch (Exception e) {
            out.append("  (ledger not recovered: ").append(e.getMessage()).append(")\n");
        }
        try (Connection db = DriverManager.getConnection(url, "", "")) {
            int shown = 0;
            for (String name : missing) {
                if (shown++ == SHOWN) {
                    out.append("  ... and ").append(missing.size() - SHOWN).append(" more\n");
                    break;
                }
                out.append("  ").append(name).append(": ").append(String.join(", ", places(name, data, incoming)))
                        .append("; ledger: ").append(ledger(db, name)).append('\n');
            }
        } catch (Exception e) {
            out.append("  (could not read the ledger at ").append(url).append(": ").append(e.getMessage()).append(")\n");
        }
        return out.toString();
    }

    private static List<String> places(String name, Path data, Path incoming) throws Exception {
        List<String> found = new ArrayList<>();
        check(found, "outbox", data.resolve("outbox").resolve(name));
        check(found, "failed/", data.resolve("failed").resolve(name));
        Path report = data.resolve("failed").resolve(name + ".error");
        if (Files.exists(report)) {
            String reason = Files.readAllLines(report).stream().filter(l -> l.startsWith("reason:")).findFirst().orElse("?");
            found.add("failed/" + name + ".error (" + reason + ")");
        }
        if (Files.isDirectory(data.resolve("archive"))) {
            try (Stream<Path> archived = Files.walk(data.resolve("archive"))) {
                archived.filter(p -> p.getFileName().toString().equals(name)).forEach(p -> found.add("archive " + data.relativize(p)));
            }
        }
        check(found, "server incoming/", incoming.resolve(name));
        check(found, "server .done/", incoming.resolve(".done").resolve(name));
        check(found, "server .failed/", incoming.resolve(".failed").resolve(name));
        if (found.isEmpty()) {
            found.add("nowhere (not in outbox, failed, archive, the server's folder, .done or .failed)");
        }
        return found;
    }

    private static void check(List<String> found, String label, Path path) {
        if (Files.exists(path)) {
            found.add(label);
        }
    }

    private static String ledger(Connection db, String name) throws Exception {
        List<String> rows = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement("SELECT * FROM ferry_file WHERE source LIKE ?")) {
            q.setString(1, "%/" + name);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    StringBuilder row = new StringBuilder(rs.getString("workflow")).append(' ').append(rs.getString("state"))
                            .append(" (attempts ").append(rs.getInt("attempts")).append(", died ")
                            .append(rs.getInt("died_attempts")).append(", owner ").append(rs.getString("owner"));
                    if (rs.getString("error") != null) {
                        row.append(", error ").append(rs.getString("error"));
                    }
                    rows.add(row.append(')').toString());
                }
            }
        }
        return rows.isEmpty() ? "no row" : String.join("; ", rows);
    }
}
