package ferry.console;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import ferry.ledger.Ledger;
import ferry.support.ConsoleClient;
import ferry.support.FerryApp;
import ferry.support.FtpAccount;
import ferry.support.TestFiles;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console's JSON API against a running Ferry and its embedded FTP server: failed, retry, discard, journey. */
class ConsoleApiTest {

    @Test
    void should_list_a_failed_file_retry_it_after_the_fault_is_fixed_and_show_its_whole_journey() throws Exception {
        try (FerryApp app = FerryApp.start()) {
            ConsoleClient console = new ConsoleClient(app);
            FtpAccount.set(app, false, 0);
            String name = "bad <b>&amp; \"quoted\" é 😀 " + TestFiles.uniqueName(".txt");
            String other = TestFiles.uniqueName("-discard.bin");
            byte[] content = TestFiles.randomBytes(20_000);
            app.drop(name, content);
            app.drop(other, TestFiles.randomBytes(100));

            await("both files listed as failed by /api/overview").atMost(Duration.ofSeconds(30))
                    .until(() -> console.failed(name) != null && console.failed(other) != null);
            JsonObject failed = console.failed(name);
            assertEquals("publish", failed.getString("flow"));
            assertTrue(failed.getString("reason").matches("(?s).*55\\d.*"), "the server's 55x reply: " + failed);
            assertTrue(failed.getInteger("attempts") >= 1, failed.encode());
            assertTrue(Files.exists(app.data("failed").resolve(name)), "kept in failed/");
            assertTrue(ferry.support.TestLog.lines(name, "not delivered").size() == 1, "one failure line for the file");
            assertTrue(ferry.support.TestLog.lines("Rollback file strategy", name).isEmpty(), "no rollback warning after it");

            // a refused action says why
            HttpResponse<String> unknown = console.post("/api/files/abcdef0123/retry");
            assertEquals(409, unknown.statusCode(), unknown.body());
            assertTrue(unknown.body().contains("no file with id abcdef0123"), unknown.body());

            FtpAccount.set(app, true, 0);
            HttpResponse<String> retried = console.post("/api/files/" + failed.getString("id") + "/retry");
            assertEquals(200, retried.statusCode(), retried.body());
            byte[] delivered = await("the retried file on the FTP server's disk (incoming/ or, mailed, incoming/.done/)")
                    .atMost(Duration.ofSeconds(30)).until(() -> app.published(name), b -> b != null && b.length == content.length);
            assertArrayEquals(content, delivered);
            await("the retried file no longer listed as failed").atMost(Duration.ofSeconds(10))
                    .until(() -> console.failed(name) == null);
            assertFalse(Files.exists(app.data("failed").resolve(name + ".error")), "its old report is gone");

            // publish's journey (the demo's ftp-to-mail then mails the file on: a journey of its own)
            JsonObject journey = await("publish's journey up to the move into the archive").atMost(Duration.ofSeconds(10))
                    .until(() -> ofFlow(console.journey(name), "publish"), j -> j != null
                            && events(j).lastIndexOf("moved") > events(j).indexOf("delivered"));
            // a retried attempt (the FTP server ended the kept session when the account changed) is an event too
            List<String> events = events(journey).stream().filter(e -> !"attempt".equals(e)).toList();
            assertEquals(List.of("seen", "claimed", "failed", "moved", "retried", "claimed", "delivered", "moved"), events,
                    journey.encodePrettily());
            JsonArray steps = new JsonArray(journey.getJsonArray("events").stream()
                    .filter(e -> !"attempt".equals(((JsonObject) e).getString("event"))).toList());
            journey.getJsonArray("events").stream().map(JsonObject.class::cast).filter(e -> "attempt".equals(e.getString("event")))
                    .forEach(e -> assertTrue(e.getString("detail") != null && !e.getString("detail").isBlank(), "an attempt's reply: " + e));
            assertTrue(steps.getJsonObject(1).getString("detail").contains(app.ledger().owner()), "claimed by this instance");
            JsonObject deliveredStep = steps.getJsonObject(6);
            assertEquals(content.length, deliveredStep.getLong("bytes"), deliveredStep.encode());
            assertTrue(deliveredStep.getString("detail").matches("2\\d\\d .*"), "the FTP server's reply: " + deliveredStep.encode());
            assertTrue(deliveredStep.getLong("durationMillis") >= 0, deliveredStep.encode());
            assertTrue(steps.getJsonObject(3).getString("detail").contains("failed"), "moved to failed/: " + journey);
            assertTrue(steps.getJsonObject(7).getString("detail").contains("archive"), "moved to the archive: " + journey);

            // ftp-to-mail's own journey of the file from the server's folder: seen, claimed, delivered (the mail), moved
            JsonObject mailed = await("ftp-to-mail's journey up to its move into .done").atMost(Duration.ofSeconds(20))
                    .until(() -> ofFlow(console.journey(name), "ftp-to-mail"), j -> j != null && events(j).contains("moved"));
            List<String> mailedEvents = events(mailed).stream().filter(e -> !"attempt".equals(e)).toList();
            assertEquals(List.of("seen", "claimed", "delivered", "moved"), mailedEvents, mailed.encodePrettily());
            JsonObject mail = mailed.getJsonArray("events").stream().map(JsonObject.class::cast)
                    .filter(e -> "delivered".equals(e.getString("event"))).findFirst().orElseThrow();
            assertTrue(mail.getString("detail").matches("Message-ID <[0-9a-f]+@ferry>"), "the mail's Message-ID: " + mail.encode());

            // discard: the kept copy and its report deleted, the ledger forgets it, the journey says so
            String otherId = console.failed(other).getString("id");
            HttpResponse<String> discarded = console.post("/api/files/" + otherId + "/discard");
            assertEquals(200, discarded.statusCode(), discarded.body());
            assertFalse(Files.exists(app.data("failed").resolve(other)));
            assertFalse(Files.exists(app.data("failed").resolve(other + ".error")));
            assertTrue(app.ledger().file(otherId).isEmpty(), "forgotten by the ledger");
            List<String> otherEvents = events(ofFlow(console.journey(other), "publish"));
            assertEquals("discarded", otherEvents.get(otherEvents.size() - 1), otherEvents.toString());

            // the flows: publish running, delivered today counted
            JsonObject publish = console.overview().getJsonArray("flows").stream().map(JsonObject.class::cast)
                    .filter(f -> "publish".equals(f.getString("id"))).findFirst().orElseThrow();
            assertEquals("started", publish.getString("state"));
            assertTrue(publish.getLong("deliveredToday") >= 1, publish.encode());
            assertTrue(publish.getString("source").endsWith("/outbox"), publish.encode());
            // the target as the flow's named server resolves it: host and port, never an unresolved "null"
            assertTrue(publish.getString("target").matches("ftp://127\\.0\\.0\\.1:\\d+/incoming"), publish.encode());
            JsonObject ftpToMail = console.overview().getJsonArray("flows").stream().map(JsonObject.class::cast)
                    .filter(f -> "ftp-to-mail".equals(f.getString("id"))).findFirst().orElseThrow();
            assertEquals("mail to " + app.property("mail.to") + " via mail server default", ftpToMail.getString("target"),
                    ftpToMail.encode());

            // files by state and name pattern
            JsonArray deliveredFiles = new JsonArray(console.get("/api/files?state=delivered&flow=publish&name="
                    + URLEncoder.encode("*😀*", StandardCharsets.UTF_8)).body());
            assertEquals(1, deliveredFiles.size(), deliveredFiles.encode());
            assertEquals(name, deliveredFiles.getJsonObject(0).getString("name"));
            HttpResponse<String> badState = console.get("/api/files?state=lost");
            assertEquals(400, badState.statusCode());
            assertTrue(badState.body().contains("state 'lost' is not one of"), badState.body());
            assertNotNull(app.ledger().file(failed.getString("id")).filter(f -> f.state() == Ledger.State.DELIVERED)
                    .orElse(null), "the ledger holds it as delivered");
        }
    }

    @Test
    void should_show_a_refused_route_file_in_the_flows_with_its_file_line_and_reason() throws Exception {
        try (FerryApp app = FerryApp.start(Map.of("ferry.reload.scan-interval", "300"))) {
            ConsoleClient console = new ConsoleClient(app);
            // a broken save of a running flow's file: the previous version keeps running, the page says why
            Path fetch = app.routes().resolve("fetch.camel.yaml");
            Files.writeString(fetch, Files.readString(fetch) + "        value: [never closed\n");
            JsonObject flow = await("fetch's route file refused in /api/flows").atMost(Duration.ofSeconds(20))
                    .until(() -> flow(console, "fetch"), f -> f != null && f.containsKey("routeFile"));
            JsonObject routeFile = flow.getJsonObject("routeFile");
            assertEquals(fetch.toString(), routeFile.getString("file"), flow.encode());
            assertTrue(routeFile.getInteger("line") > 0, flow.encode());
            assertEquals("started", flow.getString("state"), "the previous version runs on: " + flow.encode());
            assertEquals("DOWN", flow.getString("health"));
            // what the page shows: the file, the line and the reason
            assertTrue(flow.getString("healthReason").startsWith("route file refused, previous version running: "
                    + fetch + " (line " + routeFile.getInteger("line")), flow.encode());
            assertTrue(flow.getString("healthReason").endsWith(routeFile.getString("reason")), flow.encode());

            // a new flow's file refused: listed all the same, as refused, with the same three
            Path extra = app.routes().resolve("extra.camel.yaml");
            Files.writeString(extra, "- route:\n    id: extra\n    from:\n      uri: timer:extra\n      steps:\n        - log: [x\n");
            JsonObject refused = await("extra's route file refused in /api/flows").atMost(Duration.ofSeconds(20))
                    .until(() -> flow(console, "extra"), f -> f != null);
            assertEquals("refused", refused.getString("state"), refused.encode());
            assertEquals(extra.toString(), refused.getJsonObject("routeFile").getString("file"));
            assertTrue(refused.getJsonObject("routeFile").getInteger("line") > 0, refused.encode());
            assertTrue(refused.getString("healthReason").startsWith("route file refused: " + extra + " (line "), refused.encode());
        }
    }

    @Test
    void should_list_a_file_waiting_out_a_fault_under_waiting_and_not_as_a_transfer_in_flight() throws Exception {
        try (FerryApp app = FerryApp.start()) {
            ConsoleClient console = new ConsoleClient(app);
            app.servers().ftp().stop();
            String name = TestFiles.uniqueName("-waits.txt");
            app.drop(name, TestFiles.randomBytes(100));
            // between two attempts (a refused connect takes a moment, the wait 100 ms to 1 s) nothing is transferred
            JsonObject overview = await("the file waiting, and not in flight").atMost(Duration.ofSeconds(30))
                    .until(console::overview, o -> named(o.getJsonArray("waiting"), name) != null
                            && named(o.getJsonArray("inFlight"), name) == null);
            JsonObject waiting = named(overview.getJsonArray("waiting"), name);
            assertEquals("publish", waiting.getString("flow"));
            assertTrue(waiting.getString("lastReply").startsWith("server default: connect failed on 127.0.0.1:"), waiting.encode());
            assertTrue(waiting.getLong("since") <= overview.getLong("time"), waiting.encode());
            assertTrue(waiting.getLong("nextAttempt") > waiting.getLong("since"), waiting.encode());
            assertEquals(0, overview.getJsonObject("counts").getInteger("inFlight"), overview.encode());
            // the flows say why they are DOWN: publish's file waits, ftp-to-mail cannot poll its folder
            JsonObject publish = await("publish DOWN").atMost(Duration.ofSeconds(10))
                    .until(() -> flow(console, "publish"), f -> "DOWN".equals(f.getString("health")));
            assertTrue(publish.getString("healthReason").startsWith(name + " waiting out a fault: server default: connect failed"),
                    publish.encode());
            JsonObject ftpToMail = await("ftp-to-mail DOWN").atMost(Duration.ofSeconds(10))
                    .until(() -> flow(console, "ftp-to-mail"), f -> "DOWN".equals(f.getString("health")));
            assertTrue(ftpToMail.getString("healthReason").matches("cannot poll ftp://127\\.0\\.0\\.1:\\d+/incoming: .*connect.*"),
                    ftpToMail.encode());
        }
    }

    private static JsonObject named(JsonArray rows, String name) {
        return rows.stream().map(JsonObject.class::cast).filter(r -> name.equals(r.getString("name"))).findFirst().orElse(null);
    }

    private static JsonObject flow(ConsoleClient console, String id) throws Exception {
        return new JsonArray(console.get("/api/flows").body()).stream().map(JsonObject.class::cast)
                .filter(f -> id.equals(f.getString("id"))).findFirst().orElse(null);
    }

    private static JsonObject ofFlow(JsonArray journeys, String flow) {
        return journeys.stream().map(JsonObject.class::cast).filter(j -> flow.equals(j.getString("flow"))).findFirst()
                .orElse(null);
    }

    private static List<String> events(JsonObject file) {
        return file.getJsonArray("events").stream().map(e -> ((JsonObject) e).getString("event")).toList();
    }
}
