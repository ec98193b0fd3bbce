package ferry.observe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import ferry.support.FerryApp;
import ferry.support.TestFiles;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /observe/health and /observe/metrics over real HTTP on the (ephemeral) management port. */
class ObserveTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void should_report_ready_with_ftp_and_smtp_reachable_and_down_while_a_route_file_is_refused() throws Exception {
        try (FerryApp app = FerryApp.start(Map.of("ferry.reload.scan-interval", "500"))) {
            // ready once every consumer has polled once
            await().atMost(Duration.ofSeconds(10)).until(() -> get(app, "/observe/health").statusCode() == 200);
            HttpResponse<String> health = get(app, "/observe/health?exposureLevel=full");
            assertEquals(200, health.statusCode(), health.body());
            for (String check : new String[] {"ftp-server", "smtp-server", "route-reload"}) {
                assertTrue(health.body().contains("\"" + check + "\""), health.body());
            }
            assertTrue(health.body().contains("\"status\":\"UP\""), health.body());

            Path fetch = app.routes().resolve("fetch.camel.yaml");
            String good = Files.readString(fetch);
            Files.writeString(fetch, good.replace("{{fetch.file}}", "{{fetch.no-such-key}}"));
            await().atMost(Duration.ofSeconds(5)).until(() -> get(app, "/observe/health").statusCode() == 503);
            HttpResponse<String> down = get(app, "/observe/health");
            assertTrue(down.body().contains("route-reload") && down.body().contains("fetch.camel.yaml"), down.body());
            assertTrue(down.body().contains("fetch.no-such-key"), down.body());

            Files.writeString(fetch, good);
            await().atMost(Duration.ofSeconds(5)).until(() -> get(app, "/observe/health").statusCode() == 200);
        }
    }

    @Test
    void should_report_an_unreachable_smtp_server_as_not_ready() throws Exception {
        try (FerryApp app = FerryApp.start(Map.of("ferry.health.cache", "0"))) {
            app.servers().mail().stop();
            await().atMost(Duration.ofSeconds(10)).until(() -> get(app, "/observe/health/ready").statusCode() == 503);
            String body = get(app, "/observe/health/ready").body();
            assertTrue(body.contains("smtp-server") && body.contains("cannot connect to"), body);
            // liveness does not depend on the servers: no reason to restart Ferry
            assertEquals(200, get(app, "/observe/health/live").statusCode());
        }
    }

    @Test
    void should_expose_files_bytes_durations_mails_and_reloads_in_prometheus_format() throws Exception {
        try (FerryApp app = FerryApp.start()) {
            String name = TestFiles.uniqueName(".bin");
            app.drop(name, TestFiles.randomBytes(12345));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Files.exists(app.ftpRoot().resolve("incoming/.done").resolve(name)));

            await().atMost(Duration.ofSeconds(10)).until(() -> get(app, "/observe/metrics").body()
                    .contains("ferry_files_total{result=\"delivered\",route=\"ftp-to-mail\"} 1.0"));
            HttpResponse<String> metrics = get(app, "/observe/metrics");
            assertEquals(200, metrics.statusCode());
            String body = metrics.body();
            assertTrue(body.contains("ferry_files_total{result=\"delivered\",route=\"publish\"} 1.0"), body);
            assertTrue(body.contains("ferry_bytes_total{route=\"publish\"} 12345.0"), body);
            assertTrue(body.contains("ferry_transfer_seconds_count{route=\"publish\"} 1"), body);
            assertTrue(body.contains("ferry_mails_total{result=\"sent\"} 1.0"), body);
            assertTrue(body.contains("ferry_reload_total{result=\"success\"}"), body);
            assertTrue(body.contains("ferry_reload_total{result=\"failure\"}"), body);
            assertTrue(body.contains("camel_exchanges_total"), body);
        }
    }

    private HttpResponse<String> get(FerryApp app, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.managementPort() + path))
                .timeout(Duration.ofSeconds(10)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
