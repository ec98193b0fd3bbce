package ferry.console;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import ferry.ledger.Journal;
import ferry.ledger.Ledger;
import ferry.observe.FlowHealth;
import ferry.progress.TransferProgress;
import ferry.progress.Transfers;
import ferry.reload.Problem;
import ferry.reload.ReloadState;
import ferry.routes.DeliveryFaults;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.camel.CamelContext;
import org.apache.camel.DelegateEndpoint;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.InflightRepository;
import org.apache.camel.util.URISupport;

/**
 * The console's views as JSON: flows with their state, transfers in flight, files waiting out a fault, failed
 * files, any files by state, and a file's journey. Built per route id, so it serves any set of flows.
 */
final class ConsoleApi {

    private final CamelContext context;
    private final ReloadState reloads;

    ConsoleApi(CamelContext context, ReloadState reloads) {
        this.context = context;
        this.reloads = reloads;
    }

    /** Everything the page shows at once. */
    JsonObject overview() throws SQLException {
        JsonArray failed = files(Ledger.State.FAILED, null, null, 200);
        JsonArray waiting = waiting();
        JsonArray inFlight = inFlight();
        return new JsonObject().put("instance", ledger().owner()).put("time", System.currentTimeMillis())
                .put("flows", flows()).put("inFlight", inFlight).put("waiting", waiting).put("failed", failed)
                .put("counts", new JsonObject().put("inFlight", inFlight.size()).put("waiting", waiting.size())
                        .put("failed", failed.size()))
                .put("reload", reload());
    }

    JsonArray flows() throws SQLException {
        long today = LocalDate.now().atStartOfDay(ZoneId.systemDefault()).toInstant().toEpochMilli();
        Map<String, Long> delivered = ledger().deliveredSince(today);
        Map<String, Problem> refused = new java.util.HashMap<>();
        reloads.refused().values().forEach(p -> refused.put(FlowHealth.routeId(p.file()), p));
        Map<String, String> down = new FlowHealth(context, reloads).down();
        JsonArray out = new JsonArray();
        for (Route route : context.getRoutes().stream().sorted((a, b) -> a.getRouteId().compareTo(b.getRouteId())).toList()) {
            String id = route.getRouteId();
            ServiceStatus status = context.getRouteController().getRouteStatus(id);
            JsonObject flow = new JsonObject().put("id", id)
                    .put("state", status == null ? "unknown" : status.name().toLowerCase())
                    .put("source", describe(route.getEndpoint()))
                    .put("target", resolved(target(id)))
                    .put("deliveredToday", delivered.getOrDefault(id, 0L));
            if (refused.containsKey(id)) {
                flow.put("routeFile", routeFile(refused.get(id)));
            }
            // the page shows the reason: a refused route file's names the file and the line, not only what is wrong
            out.add(flow.put("health", down.containsKey(id) ? "DOWN" : "UP").put("healthReason", down.get(id)));
        }
        // a refused route file whose flow never started still shows, with its reason
        refused.forEach((id, p) -> {
            if (context.getRoute(id) == null) {
                out.add(new JsonObject().put("id", id).put("state", "refused").put("health", "DOWN")
                        .put("healthReason", down.get(id)).put("routeFile", routeFile(p)));
            }
        });
        return out;
    }

    private static JsonObject routeFile(Problem p) {
        return new JsonObject().put("file", p.file().toString()).put("line", p.line()).put("reason", p.reason());
    }

    JsonArray inFlight() {
        Transfers transfers = context.getRegistry().lookupByNameAndType(Transfers.BEAN, Transfers.class);
        JsonArray out = new JsonArray();
        for (InflightRepository.InflightExchange ie : context.getInflightRepository().browse()) {
            Exchange exchange = ie.getExchange();
            String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
            // a file between two attempts is listed under waiting: nothing of it is being transferred
            if (name == null || exchange.getFromRouteId() == null || exchange.getProperty(ferry.routes.RetryWait.WAITING, false, Boolean.class)) {
                continue;
            }
            JsonObject row = new JsonObject().put("flow", exchange.getFromRouteId()).put("name", name)
                    .put("elapsedMillis", ie.getElapsed());
            Long size = exchange.getMessage().getHeader(Exchange.FILE_LENGTH, Long.class);
            TransferProgress progress = transfers == null ? null : transfers.of(exchange.getExchangeId());
            if (progress != null) {
                row.put("bytesDone", progress.done()).put("bytesTotal", progress.total())
                        .put("rate", (long) progress.rate()).put("secondsLeft", progress.secondsLeft());
            } else if (size != null) {
                row.put("bytesTotal", size);
            }
            out.add(row);
        }
        return out;
    }

    JsonArray waiting() {
        JsonArray out = new JsonArray();
        for (DeliveryFaults.Fault f : faults().current()) {
            out.add(new JsonObject().put("flow", f.route()).put("name", f.file()).put("id", f.id())
                    .put("since", f.since().toEpochMilli()).put("lastReply", f.reason()).put("attempts", f.attempts())
                    .put("nextAttempt", f.next().toEpochMilli()));
        }
        return out;
    }

    JsonArray files(Ledger.State state, String flow, String pattern, int limit) throws SQLException {
        JsonArray out = new JsonArray();
        for (Ledger.FileRow f : ledger().files(state, flow, pattern, limit)) {
            out.add(file(f));
        }
        return out;
    }

    static JsonObject file(Ledger.FileRow f) {
        return new JsonObject().put("id", f.id()).put("flow", f.flow()).put("name", f.name())
                .put("source", URISupport.sanitizeUri(f.source())).put("size", f.size())
                .put("state", f.state().name().toLowerCase()).put("instance", f.owner()).put("attempts", f.attempts())
                .put("messageId", f.messageId()).put("reason", f.error()).put("updated", f.updated());
    }

    /** The journeys of the files whose name matches, each with its events in order. */
    JsonArray journey(String pattern) throws SQLException {
        Map<String, JsonObject> byFile = new java.util.LinkedHashMap<>();
        for (Journal.Entry e : ledger().journal().journey(pattern, 500)) {
            JsonObject file = byFile.computeIfAbsent(e.id(), id -> new JsonObject().put("id", id).put("flow", e.flow())
                    .put("name", e.name()).put("events", new JsonArray()));
            JsonObject event = new JsonObject().put("event", e.event().name().toLowerCase()).put("at", e.at())
                    .put("detail", e.detail()).put("instance", e.instance());
            if (e.bytes() >= 0) {
                event.put("bytes", e.bytes());
            }
            if (e.durationMillis() >= 0) {
                event.put("durationMillis", e.durationMillis());
            }
            file.getJsonArray("events").add(event);
        }
        return new JsonArray(List.copyOf(byFile.values()));
    }

    private JsonObject reload() {
        JsonArray refused = new JsonArray();
        reloads.refused().values().forEach(p -> refused.add(p.toString()));
        JsonArray waiting = new JsonArray();
        reloads.waiting().forEach((file, why) -> waiting.add(file + ": " + why));
        return new JsonObject().put("successes", reloads.successes()).put("failures", reloads.failures()).put("refused", refused)
                .put("waiting", waiting);
    }

    /** Where a flow delivers to: its template's remote folder, mail recipients or local folder. */
    private String target(String routeId) {
        RouteDefinition def = ((ModelCamelContext) context).getRouteDefinition(routeId);
        Map<String, Object> params = def == null ? null : def.getTemplateParameters();
        if (params == null) {
            return "";
        }
        Object mailTo = params.get("mailTo");
        if (mailTo != null) {
            // a flow names its mail server; the older templates (news) carry the address itself
            Object via = params.containsKey("mailServer") ? "mail server " + params.get("mailServer")
                    : params.get("smtpHost") + ":" + params.get("smtpPort");
            return "mail to " + mailTo + " via " + via;
        }
        // relay: the second server's folder; publish: the remote folder on its server; collect: the local inbox
        if (params.containsKey("targetServerHost")) {
            return folder(params, "targetServer", params.get("targetDir"));
        }
        Object remote = params.get("remoteDir");
        if (remote != null && params.containsKey("outbox")) {
            return folder(params, "server", remote);
        }
        Object inbox = params.get("inbox");
        return inbox == null ? "" : String.valueOf(inbox);
    }

    private String folder(Map<String, Object> params, String server, Object dir) {
        // the folder's value first ("incoming" or "/incoming"), then the URL form of it
        return params.getOrDefault(server + "Protocol", "ftp") + "://" + params.get(server + "Host") + ":"
                + params.get(server + "Port") + (dir == null ? "" : ferry.ftplib.RemoteFolderEndpoint.urlPath(resolved(String.valueOf(dir))));
    }

    /** Template parameters still hold the flow file's placeholders: show their values (secrets are not among them). */
    private String resolved(String text) {
        try {
            return URISupport.sanitizeUri(context.resolvePropertyPlaceholders(text));
        } catch (RuntimeException e) {
            return text;
        }
    }

    private static String describe(Endpoint endpoint) {
        Endpoint e = endpoint instanceof DelegateEndpoint ref ? ref.getEndpoint() : endpoint;
        String uri = URISupport.sanitizeUri(e.getEndpointUri());
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    private DeliveryFaults faults() {
        return context.getRegistry().lookupByNameAndType(DeliveryFaults.BEAN, DeliveryFaults.class);
    }

    Ledger ledger() {
        return context.getRegistry().lookupByNameAndType(ferry.ledger.LedgerService.LEDGER, Ledger.class);
    }
}
