package ferry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import ferry.support.ConsoleClient;
import ferry.support.FerryApp;
import ferry.support.QuirkyFtpServer;
import ferry.support.QuirkyFtpServer.Quirk;
import ferry.support.TestFiles;
import ferry.support.TestLog;
import org.apache.camel.Route;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A route file edited while one of its files is still on the wire, for longer than a route's stop waits for its
 * files (camel.main.shutdown-timeout): the transfer is not cut short nor done a second time (publish: a second
 * upload into the same hidden file, the file then failed; collect: a second download), and the change is applied
 * once it is through.
 */
class ReloadMidTransferTest {

    /** 8 s at the quirky server's rate: still moving when the old route's stop has given up waiting for it. */
    private static final int SIZE = QuirkyFtpServer.SLOW_RATE * 8;

    @Test
    void should_upload_a_file_once_when_publish_is_reloaded_mid_upload() throws Exception {
        Path data = Path.of("target", "test-data", "reload-mid-upload-" + UUID.randomUUID()).toAbsolutePath();
        try (QuirkyFtpServer server = QuirkyFtpServer.start(data.resolve("quirky"), "mid-upload-pw", Quirk.SLOW_TRANSFERS)) {
            Path incoming = Files.createDirectories(server.root().resolve("incoming"));
            try (FerryApp app = server.ferry(data, "publish.camel.yaml", quickStop())) {
                String name = TestFiles.uniqueName(".bin");
                byte[] content = TestFiles.randomBytes(SIZE);
                app.drop(name, content);
                await("the upload of " + name + " begins").atMost(Duration.ofSeconds(20)).until(() -> server.uploadsBegun() == 1);

                reload(app, "publish");

                await(name + " complete in " + incoming + " and archived").atMost(Duration.ofSeconds(60))
                        .until(() -> Files.exists(incoming.resolve(name)) && archived(app, name));
                assertArrayEquals(content, Files.readAllBytes(incoming.resolve(name)), "the bytes on the server");
                assertEquals(1, server.uploadsBegun(), "uploads of " + name + " begun");
            }
        }
    }

    @Test
    void should_download_a_file_once_when_collect_is_reloaded_mid_download() throws Exception {
        Path data = Path.of("target", "test-data", "reload-mid-download-" + UUID.randomUUID()).toAbsolutePath();
        try (QuirkyFtpServer server = QuirkyFtpServer.start(data.resolve("quirky"), "mid-download-pw", Quirk.SLOW_TRANSFERS)) {
            Path outgoing = Files.createDirectories(server.root().resolve("outgoing"));
            String name = TestFiles.uniqueName(".bin");
            byte[] content = TestFiles.randomBytes(SIZE);
            Files.write(outgoing.resolve(name), content);
            Map<String, String> settings = new java.util.HashMap<>(quickStop());
            settings.put("collect.enabled", "true");
            settings.put("collect.remote-dir", "/outgoing");
            try (FerryApp app = server.ferry(data, "collect.camel.yaml", settings)) {
                await("the download of " + name + " begins").atMost(Duration.ofSeconds(20)).until(() -> server.downloadsBegun() == 1);

                reload(app, "collect");

                Path collected = app.data("inbox").resolve(name);
                Path done = outgoing.resolve(".done").resolve(name);
                await(name + " collected into " + collected + " and moved to " + done).atMost(Duration.ofSeconds(60))
                        .until(() -> Files.exists(collected) && Files.exists(done));
                assertArrayEquals(content, Files.readAllBytes(collected), "the collected bytes");
                assertEquals(1, server.downloadsBegun(), "downloads of " + name + " begun");
            }
        }
    }

    /** The old route's stop waits 1 s for its file, not 30: the transfer outlasts it, as a big file's would. */
    private static Map<String, String> quickStop() {
        return Map.of("camel.main.shutdown-timeout", "1", "ferry.reload.debounce", "100");
    }

    /** Edits the flow's route file (a comment more) and waits until the route runs anew from it. */
    private static void reload(FerryApp app, String routeId) throws Exception {
        Route before = app.context().getRoute(routeId);
        Path file = Path.of(app.property("ferry.routes")).resolve(routeId + ".camel.yaml");
        Files.writeString(file, Files.readString(file) + "\n# edited while a file was on the wire\n");
        await("a line saying the reload of " + file + " waits for the transfer").atMost(Duration.ofSeconds(10))
                .until(() -> TestLog.lines("Reload of " + file + " waits: route " + routeId + " still had files in transfer after 1 seconds").size() == 1);
        // the console (and ferry status) say it too, while it waits
        io.vertx.core.json.JsonArray waiting = new ConsoleClient(app).overview().getJsonObject("reload").getJsonArray("waiting");
        assertEquals(1, waiting.size(), waiting.encode());
        assertTrue(waiting.getString(0).startsWith(file + ": route " + routeId), waiting.encode());
        await("route " + routeId + " reloaded from " + file + " once the transfer was through").atMost(Duration.ofSeconds(30))
                .until(() -> app.context().getRoute(routeId) != null && app.context().getRoute(routeId) != before);
        assertEquals(0, new ConsoleClient(app).overview().getJsonObject("reload").getJsonArray("waiting").size(), "nothing waits once applied");
    }

    private static boolean archived(FerryApp app, String name) throws Exception {
        Path archive = app.data("archive");
        if (!Files.isDirectory(archive)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(archive)) {
            return files.anyMatch(p -> p.getFileName().toString().equals(name));
        }
    }
}
