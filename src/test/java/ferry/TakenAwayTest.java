package ferry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import ferry.support.FerryApp;
import ferry.support.QuirkyFtpServer;
import ferry.support.QuirkyFtpServer.Quirk;
import ferry.support.TestLog;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A file of a watched folder that someone else takes between its transfer and its move: the earlier delivery of
 * the same name in the done folder is kept (it was deleted to make room for a move that could not happen).
 */
class TakenAwayTest {

    @Test
    void should_keep_the_earlier_copy_in_done_when_the_file_was_taken_before_its_move() throws Exception {
        Path data = Path.of("target", "test-data", "taken-away-" + UUID.randomUUID()).toAbsolutePath();
        try (QuirkyFtpServer server = QuirkyFtpServer.start(data.resolve("quirky"), "taken-pw", Quirk.TAKEN_AFTER_RETR)) {
            Path outgoing = Files.createDirectories(server.root().resolve("outgoing"));
            Path earlier = Files.createDirectories(outgoing.resolve(".done")).resolve("report.csv");
            Files.writeString(earlier, "yesterday's report, delivered");
            Files.writeString(outgoing.resolve("report.csv"), "today's report");
            try (FerryApp app = server.collectFrom(data, "/outgoing")) {
                Path collected = app.data("inbox").resolve("report.csv");
                String at = ":" + server.port();
                await("report.csv collected into " + collected + " and its move over (a line on report.csv not moved)")
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> Files.exists(collected) && (!TestLog.lines(at, "report.csv was not moved").isEmpty()
                                || !TestLog.lines(at, "report.csv stays in").isEmpty()));
                assertEquals("today's report", Files.readString(collected));
                assertEquals("yesterday's report, delivered", Files.readString(earlier), "the earlier delivery in .done");
                assertEquals(1, TestLog.lines(at, "report.csv was not moved, it is no longer in /outgoing").size(),
                        TestLog.lines(at, "report.csv").toString());
                assertFalse(Files.exists(outgoing.resolve("report.csv")), "the quirk took the file away");
            }
        }
    }
}
