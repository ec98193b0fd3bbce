package ferry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import ferry.support.FerryApp;
import ferry.support.QuirkyFtpServer;
import ferry.support.QuirkyFtpServer.Quirk;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 12, point 1, for the workflows reading a remote folder (collect here; ftp-to-mail uses the same watcher,
 * RemoteFolder.watcher): on a server listing '.', '..' and dot files, only the folder's own files are taken.
 */
class CollectDotEntriesTest {

    @Test
    void should_take_only_the_folders_own_files_from_a_server_that_lists_dot_entries() throws Exception {
        Path data = Path.of("target", "test-data", "collect-dots-" + UUID.randomUUID()).toAbsolutePath();
        try (QuirkyFtpServer server = QuirkyFtpServer.start(data.resolve("quirky"), "collect-pw", Quirk.DOT_ENTRIES)) {
            Path outgoing = Files.createDirectories(server.root().resolve("outgoing"));
            Files.writeString(server.root().resolve("beside.txt"), "in the parent folder");
            Files.writeString(outgoing.resolve(".hidden-part"), "still being written");
            Files.writeString(outgoing.resolve("report.csv"), "for collect");
            try (FerryApp app = server.collectFrom(data, "/outgoing")) {
                Path done = outgoing.resolve(".done/report.csv");
                await("report.csv collected into " + app.data("inbox") + " and moved to " + done)
                        .atMost(Duration.ofSeconds(30)).until(() -> Files.exists(done));
                try (Stream<Path> inbox = Files.list(app.data("inbox"))) {
                    assertEquals(List.of("report.csv"), inbox.map(p -> p.getFileName().toString())
                            .filter(n -> !n.startsWith(".")).sorted().toList());
                }
                assertEquals("for collect", Files.readString(app.data("inbox").resolve("report.csv")));
                assertEquals("in the parent folder", Files.readString(server.root().resolve("beside.txt")));
                assertEquals("still being written", Files.readString(outgoing.resolve(".hidden-part")));
            }
        }
    }
}
