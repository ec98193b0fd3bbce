package ferry.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import ferry.support.ConsoleClient;
import ferry.support.FerryApp;
import ferry.support.FerryNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who may use the management port: the token off loopback, no cross-site actions, no route changes through it. */
class ConsoleSecurityTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void should_refuse_cross_site_actions_and_offer_no_endpoint_that_changes_routes() throws Exception {
        try (FerryApp app = FerryApp.start()) {
            String base = "http://127.0.0.1:" + app.managementPort();
            int routes = app.context().getRoutes().size();
            assertEquals(200, new ConsoleClient(app).get("/").statusCode(), "loopback: no token needed");
            // a form on another site can POST, but cannot add a header; a script there sends its own Origin
            assertEquals(403, send(HttpRequest.newBuilder(URI.create(base + "/api/retry-failed"))
                    .POST(HttpRequest.BodyPublishers.noBody())).statusCode());
            assertEquals(403, send(HttpRequest.newBuilder(URI.create(base + "/api/retry-failed"))
                    .header("X-Ferry-Console", "1").header("Origin", "http://evil.example")
                    .POST(HttpRequest.BodyPublishers.noBody())).statusCode());
            // Camel's own upload (a route file) and send (a message into a route) endpoints are off
            String route = "- route:\n    id: planted\n    from:\n      uri: timer:planted\n      steps:\n        - log: planted\n";
            for (String path : new String[] {"/q/upload/planted.camel.yaml", "/q/send", "/q/dev", "/q/jolokia"}) {
                for (String method : new String[] {"PUT", "POST"}) {
                    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + path)).header("X-Ferry-Console", "1")
                            .method(method, HttpRequest.BodyPublishers.ofString(route)));
                    assertEquals(404, r.statusCode(), method + " " + path + ": " + r.body());
                }
            }
            assertEquals(routes, app.context().getRoutes().size(), "no route added");
            assertTrue(app.context().getRoute("planted") == null, "no route planted");
            try (var files = Files.list(app.routes())) {
                assertFalse(files.anyMatch(f -> f.getFileName().toString().startsWith("planted")), "no route file written");
            }
        }
    }

    @Test
    void should_require_the_token_on_every_request_when_bound_beyond_loopback() throws Exception {
        String token = "t0ken-" + java.util.UUID.randomUUID();
        try (FerryApp app = FerryApp.start(Map.of("camel.management.host", "0.0.0.0", "ferry.console.token", token))) {
            String base = "http://127.0.0.1:" + app.managementPort();
            for (String path : new String[] {"/", "/api/overview", "/observe/health", "/observe/metrics"}) {
                HttpResponse<String> refused = send(HttpRequest.newBuilder(URI.create(base + path)));
                assertEquals(401, refused.statusCode(), path + " without the token: " + refused.body());
                assertEquals(401, send(HttpRequest.newBuilder(URI.create(base + path)).header("X-Ferry-Token", "wrong"))
                        .statusCode(), path + " with a wrong token");
            }
            HttpResponse<String> overview = send(HttpRequest.newBuilder(URI.create(base + "/api/overview"))
                    .header("X-Ferry-Token", token));
            assertEquals(200, overview.statusCode(), overview.body());
            assertFalse(overview.body().contains(token), "the token is never shown");
            assertFalse(overview.body().contains(app.property("ftp.password")), "no password shown");
            assertEquals(200, send(HttpRequest.newBuilder(URI.create(base + "/?token=" + token))).statusCode(),
                    "the page opens with ?token=");
            // let in: health answers UP (200) or, while a check is still settling after startup, DOWN (503)
            HttpResponse<String> health = send(HttpRequest.newBuilder(URI.create(base + "/observe/health"))
                    .header("Authorization", "Bearer " + token));
            assertTrue(health.statusCode() == 200 || health.statusCode() == 503 && health.body().contains("DOWN"),
                    "health with a Bearer token: " + health.statusCode() + " " + health.body());
            HttpResponse<String> action = send(HttpRequest.newBuilder(URI.create(base + "/api/retry-failed"))
                    .header("X-Ferry-Token", token).header("X-Ferry-Console", "1").POST(HttpRequest.BodyPublishers.noBody()));
            assertEquals(200, action.statusCode(), action.body());
        }
    }

    @Test
    void should_take_the_token_from_the_environment_as_ferry_console_token() throws Exception {
        String token = "env-t0ken-" + java.util.UUID.randomUUID();
        java.nio.file.Path data = java.nio.file.Path.of("target", "token-test-" + java.util.UUID.randomUUID()).toAbsolutePath();
        Files.createDirectories(data);
        try (FerryNode ferry = FerryNode.start("token-env", List.of("-Dcamel.management.host=0.0.0.0", "-Dcamel.management.port=0",
                "-Dferry.embedded=false", "-Dftp.port=1", "-Dsmtp.port=1", "-Dferry.data=" + data),
                Map.of("FERRY_CONSOLE_TOKEN", token), data.resolve("ferry.log"))) {
            String port = ferry.log().lines().filter(l -> l.contains("Console: http://")).findFirst().orElseThrow()
                    .replaceAll(".*Console: http://[^ ]+:(\\d+)/.*", "$1");
            String base = "http://127.0.0.1:" + port;
            assertEquals(401, send(HttpRequest.newBuilder(URI.create(base + "/api/overview"))).statusCode());
            HttpResponse<String> overview = send(HttpRequest.newBuilder(URI.create(base + "/api/overview")).header("X-Ferry-Token", token));
            assertEquals(200, overview.statusCode(), overview.body());
            assertFalse(ferry.log().contains(token), "the token is never logged");
            ferry.interrupt(Duration.ofSeconds(60));
        }
    }

    @Test
    void should_not_start_beyond_loopback_without_a_token() {
        Exception e = assertThrows(Exception.class, () -> FerryApp.start(Map.of("camel.management.host", "0.0.0.0")).close());
        String message = String.valueOf(e.getMessage()) + " " + (e.getCause() == null ? "" : e.getCause().getMessage());
        assertTrue(message.contains("ferry.console.token") && message.contains("0.0.0.0"), message);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
