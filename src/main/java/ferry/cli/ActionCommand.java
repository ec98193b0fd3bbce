package ferry.cli;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** {@code ferry retry|discard NAME|ID} and {@code ferry retry --failed [--flow NAME]}: what the page's buttons do. */
final class ActionCommand {

    private ActionCommand() {
    }

    static int run(String action, Settings settings, List<String> args, PrintStream out, PrintStream err) throws Exception {
        boolean all = args.contains("--failed");
        int flowAt = args.indexOf("--flow");
        String flow = flowAt >= 0 && flowAt + 1 < args.size() ? args.get(flowAt + 1) : null;
        if ((all && !"retry".equals(action)) || (!all && args.size() != 1) || (flowAt >= 0 && flow == null)
                || (!all && args.get(0).startsWith("-"))) {
            err.println(action + ": give one file NAME or ID" + ("retry".equals(action) ? ", or --failed [--flow NAME]" : ""));
            return Usage.USAGE;
        }
        ConsoleConnection console = new ConsoleConnection(settings);
        if (!console.reachable()) {
            err.println("Ferry is not running (no console at " + console.where() + "): " + action
                    + " needs the running instance, which moves the file and updates the ledger together");
            return Usage.FAILED;
        }
        if (all) {
            JsonArray outcomes = new JsonArray(console.post("/api/retry-failed?" + FilesCommand.query("flow", flow)).body());
            boolean ok = true;
            for (Object o : outcomes) {
                ok &= report((JsonObject) o, out, err);
            }
            out.println(outcomes.size() + " failed file(s) retried");
            return ok ? Usage.OK : Usage.FAILED;
        }
        String id = resolve(console, args.get(0), err);
        if (id == null) {
            return Usage.FAILED;
        }
        return report(new JsonObject(console.post("/api/files/" + id + "/" + action).body()), out, err) ? Usage.OK : Usage.FAILED;
    }

    /** A failed file's id from its exact name, or the id (or its first characters) as given. */
    private static String resolve(ConsoleConnection console, String nameOrId, PrintStream err) throws Exception {
        JsonArray failed = new JsonArray(console.get("/api/files?state=failed&limit=10000&name="
                + URLEncoder.encode(nameOrId, StandardCharsets.UTF_8)).body());
        List<JsonObject> named = failed.stream().map(JsonObject.class::cast)
                .filter(f -> nameOrId.equals(f.getString("name"))).toList();
        if (named.size() > 1) {
            err.println("several failed files are called " + Lines.printable(nameOrId) + ": give the ID of one ("
                    + String.join(", ", named.stream().map(f -> Lines.shortId(f.getString("id")) + " in " + f.getString("flow")).toList()) + ")");
            return null;
        }
        return named.isEmpty() ? nameOrId : named.get(0).getString("id");
    }

    private static boolean report(JsonObject outcome, PrintStream out, PrintStream err) {
        boolean ok = outcome.getBoolean("ok", false);
        (ok ? out : err).println(Lines.printable(outcome.getString("message", outcome.getString("error"))));
        return ok;
    }
}
