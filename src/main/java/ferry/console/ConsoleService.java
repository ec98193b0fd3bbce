package ferry.console;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

import ferry.config.ConfigValues;
import ferry.ledger.Ledger;
import ferry.progress.Transfers;
import ferry.reload.ReloadState;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's console on the management port: the page at {@code /} and its JSON API under {@code /api/}
 * (see docs/console.md), behind {@link ConsoleAccess}. Database work runs off the HTTP event loop.
 */
public class ConsoleService extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleService.class);
    private static final List<String> ASSETS = List.of("index.html", "console.js", "console.css");

    private final ReloadState reloads;

    public ConsoleService(ReloadState reloads) {
        this.reloads = reloads;
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        context.getRegistry().bind(Transfers.BEAN, new Transfers());
        String host = ConfigValues.get(context.getPropertiesComponent(), "camel.management.host");
        ConsoleAccess access = new ConsoleAccess(host, ConfigValues.get(context.getPropertiesComponent(), "ferry.console.token"));
        access.check(host);
        if (Boolean.parseBoolean(ConfigValues.get(context.getPropertiesComponent(), "camel.management.enabled"))) {
            portFree(host, ConfigValues.get(context.getPropertiesComponent(), "camel.management.port"));
        }
        try {
            context.addStartupListener(listener(access));
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up the console: " + e.getMessage(), e);
        }
    }

    /**
     * Camel's management server only warns when its port is taken and Ferry would announce a console another
     * process serves: a taken port stops the start instead, in one line.
     */
    private static void portFree(String host, String portText) {
        int port = Integer.parseInt(portText.isEmpty() ? "0" : portText);
        if (port == 0) {
            return;
        }
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.bind(new java.net.InetSocketAddress(host.isEmpty() ? "127.0.0.1" : host, port));
        } catch (IOException e) {
            throw new IllegalStateException("camel.management.port " + port + " on " + host + " is in use by another "
                    + "process (" + e.getMessage() + "): stop it, or give Ferry another port");
        }
    }

    private StartupListener listener(ConsoleAccess access) {
        return new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                // the management server's router exists once it has started
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) {
                ManagementHttpServer server = started.hasService(ManagementHttpServer.class);
                if (server == null || server.getRouter() == null) {
                    LOG.info("Console is off (camel.management.enabled=false)");
                    return;
                }
                ConsoleApi api = new ConsoleApi(started, reloads);
                install(server.getRouter(), access, api, new FileActions(started, api.ledger()));
            }
        };
    }

    private static void install(Router router, ConsoleAccess access, ConsoleApi api, FileActions actions) {
        // before Camel's own health and metrics routes: the token guards the whole port
        router.route().order(-1000).handler(access);
        get(router, "/api/overview", ctx -> api.overview());
        get(router, "/api/flows", ctx -> api.flows());
        get(router, "/api/in-flight", ctx -> api.inFlight());
        get(router, "/api/waiting", ctx -> api.waiting());
        get(router, "/api/files", ctx -> api.files(state(ctx.request().getParam("state")), blankToNull(ctx.request().getParam("flow")),
                blankToNull(ctx.request().getParam("name")), limit(ctx)));
        get(router, "/api/journey", ctx -> api.journey(ctx.request().getParam("name", "")));
        post(router, "/api/files/:id/retry", ctx -> outcome(actions.retry(ctx.pathParam("id"))));
        post(router, "/api/files/:id/discard", ctx -> outcome(actions.discard(ctx.pathParam("id"))));
        post(router, "/api/retry-failed", ctx -> {
            JsonArray all = new JsonArray();
            actions.retryFailed(blankToNull(ctx.request().getParam("flow"))).forEach(o -> all.add(outcome(o)));
            return all;
        });
        for (String asset : ASSETS) {
            byte[] bytes = asset(asset);
            String type = asset.endsWith(".html") ? "text/html" : asset.endsWith(".js") ? "text/javascript" : "text/css";
            Handler<RoutingContext> serve = ctx -> ctx.response().putHeader("Content-Type", type + "; charset=utf-8")
                    .putHeader("Cache-Control", "no-store")
                    // the page's own script and style only: nothing injected could run
                    .putHeader("Content-Security-Policy", "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
                    .end(Buffer.buffer(bytes));
            router.route(HttpMethod.GET, asset.equals("index.html") ? "/" : "/" + asset).handler(serve);
        }
    }

    /** One JSON-answering route; a failure becomes a JSON error with its reason. */
    @FunctionalInterface
    private interface Answer {
        Object answer(RoutingContext ctx) throws Exception;
    }

    private static void get(Router router, String path, Answer answer) {
        router.route(HttpMethod.GET, path).blockingHandler(ctx -> respond(ctx, answer), false);
    }

    private static void post(Router router, String path, Answer answer) {
        router.route(HttpMethod.POST, path).blockingHandler(ctx -> respond(ctx, answer), false);
    }

    private static void respond(RoutingContext ctx, Answer answer) {
        int status = 200;
        Object body;
        try {
            body = answer.answer(ctx);
            if (body instanceof JsonObject o && o.containsKey("ok") && !o.getBoolean("ok")) {
                status = 409;
            }
        } catch (IllegalArgumentException e) {
            status = 400;
            body = new JsonObject().put("error", e.getMessage());
        } catch (Exception e) {
            status = 500;
            body = new JsonObject().put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
            LOG.warn("Console {} {}: {}", ctx.request().method(), ctx.request().path(), e.getMessage());
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store").end(body.toString());
    }

    private static JsonObject outcome(FileActions.Outcome o) {
        return new JsonObject().put("ok", o.ok()).put("message", o.message());
    }

    private static Ledger.State state(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Ledger.State.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("state '" + text + "' is not one of claimed, delivered, failed");
        }
    }

    private static int limit(RoutingContext ctx) {
        String text = ctx.request().getParam("limit", "500");
        try {
            return Math.max(1, Math.min(10_000, Integer.parseInt(text)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit '" + text + "' is not a number");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static byte[] asset(String name) {
        try (InputStream in = ConsoleService.class.getResourceAsStream("/ferry/console/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the console's " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the console's " + name + ": " + e.getMessage(), e);
        }
    }
}
