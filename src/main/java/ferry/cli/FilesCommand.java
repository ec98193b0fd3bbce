package ferry.cli;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import ferry.ledger.Ledger;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** {@code ferry files [--failed|--waiting|--delivered] [--flow NAME] [PATTERN]}: one line per file. */
final class FilesCommand {

    private FilesCommand() {
    }

    static int run(Settings settings, List<String> args, PrintStream out, PrintStream err) throws Exception {
        String state = null;
        String flow = null;
        String pattern = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--failed", "--waiting", "--delivered" -> state = a.substring(2);
                case "--flow" -> {
                    if (i + 1 >= args.size()) {
                        err.println("files: --flow needs a flow name");
                        return Usage.USAGE;
                    }
                    flow = args.get(++i);
                }
                default -> {
                    if (a.startsWith("-") || pattern != null) {
                        err.println("files: unknown option or second pattern '" + a + "'");
                        return Usage.USAGE;
                    }
                    pattern = a;
                }
            }
        }
        ConsoleConnection console = new ConsoleConnection(settings);
        JsonArray files;
        if (console.reachable()) {
            files = "waiting".equals(state) ? waiting(console, flow, pattern)
                    : new JsonArray(console.get("/api/files?" + query("state", state) + query("flow", flow)
                            + query("name", pattern)).body());
        } else {
            if ("waiting".equals(state)) {
                err.println("Ferry is not running: nothing is waiting (only the running instance knows its retries)");
                return Usage.FAILED;
            }
            out.println("Ferry is not running (no console at " + console.where() + "); the ledger, read-only:");
            files = new JsonArray();
            try (Ledger ledger = OfflineLedger.open(settings)) {
                for (Ledger.FileRow f : ledger.files(state == null ? null : Ledger.State.valueOf(state.toUpperCase()), flow,
                        pattern, 10_000)) {
                    files.add(new JsonObject().put("id", f.id()).put("flow", f.flow()).put("name", f.name())
                            .put("state", f.state().name().toLowerCase()).put("updated", f.updated()).put("reason", f.error()));
                }
            }
        }
        files.forEach(f -> out.println(Lines.file((JsonObject) f)));
        return Usage.OK;
    }

    private static JsonArray waiting(ConsoleConnection console, String flow, String pattern) throws Exception {
        JsonArray out = new JsonArray();
        for (Object o : new JsonArray(console.get("/api/waiting").body())) {
            JsonObject w = (JsonObject) o;
            if ((flow == null || flow.equals(w.getString("flow"))) && (pattern == null || matches(w.getString("name"), pattern))) {
                out.add(w);
            }
        }
        return out;
    }

    private static boolean matches(String name, String pattern) {
        boolean glob = pattern.contains("*") || pattern.contains("?");
        return glob ? name.matches(java.util.regex.Pattern.quote(pattern).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q"))
                : name.contains(pattern);
    }

    static String query(String key, String value) {
        return value == null ? "" : key + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8) + "&";
    }
}
