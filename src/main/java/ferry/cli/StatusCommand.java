package ferry.cli;

import java.io.PrintStream;

import ferry.ledger.Ledger;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** {@code ferry status}: flows with state and health, counts, reload state; 1 when anything is down or failed. */
final class StatusCommand {

    private StatusCommand() {
    }

    static int run(Settings settings, PrintStream out) throws Exception {
        ConsoleConnection console = new ConsoleConnection(settings);
        if (!console.reachable()) {
            out.println("Ferry is not running (no console at " + console.where() + "); the ledger, read-only:");
            try (Ledger ledger = OfflineLedger.open(settings)) {
                for (Ledger.State state : Ledger.State.values()) {
                    out.printf("  %-10s %d%n", state.name().toLowerCase(), ledger.count(state));
                }
            }
            return Usage.FAILED;
        }
        JsonObject o = new JsonObject(console.get("/api/overview").body());
        out.println("Ferry running at " + console.where() + " (instance " + o.getString("instance") + ")");
        boolean healthy = true;
        for (Object item : o.getJsonArray("flows")) {
            JsonObject f = (JsonObject) item;
            healthy &= "UP".equals(f.getString("health"));
            out.printf("  %-14s %-9s %-5s delivered today %-6d %s -> %s%s%n", f.getString("id"), f.getString("state"),
                    f.getString("health"), f.getLong("deliveredToday", 0L), f.getString("source", ""), f.getString("target", ""),
                    f.getString("healthReason") == null ? "" : "  (" + Lines.printable(f.getString("healthReason")) + ")");
        }
        JsonObject counts = o.getJsonObject("counts");
        out.printf("in flight %d, waiting %d, failed %d%n", counts.getInteger("inFlight"), counts.getInteger("waiting"),
                counts.getInteger("failed"));
        JsonObject reload = o.getJsonObject("reload");
        JsonArray waiting = reload.getJsonArray("waiting", new JsonArray());
        out.printf("reloads: %d applied, %d refused%s%s%n", reload.getLong("successes"), reload.getLong("failures"),
                reload.getJsonArray("refused").isEmpty() ? "" : "; refused now: " + reload.getJsonArray("refused").encode(),
                waiting.isEmpty() ? "" : "; waiting for transfers: " + waiting.encode());
        JsonObject health = new JsonObject(console.get("/observe/health?exposureLevel=full").body());
        for (Object item : health.getJsonArray("checks", new io.vertx.core.json.JsonArray())) {
            JsonObject c = (JsonObject) item;
            if (c.getString("name", "").endsWith("-server")) {
                out.printf("server %-12s %s%s%n", c.getString("name"), c.getString("status"),
                        c.getString("message") == null ? "" : "  (" + c.getString("message") + ")");
                healthy &= "UP".equals(c.getString("status"));
            }
        }
        return healthy && counts.getInteger("failed") == 0 ? Usage.OK : Usage.FAILED;
    }

}
