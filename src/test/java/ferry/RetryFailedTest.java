package ferry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import ferry.support.FerryApp;
import ferry.support.TestFiles;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a user retries a failed file: put it back where it came from, and it is taken at once as a new attempt. */
class RetryFailedTest {

    @Test
    void should_take_a_failed_file_moved_back_into_the_outbox_at_once_and_remove_its_old_report_once_delivered() throws Exception {
        try (FerryApp app = FerryApp.start()) {
            String name = TestFiles.uniqueName(".csv");
            byte[] content = TestFiles.randomBytes(4000);
            // a folder of that name on the server: the upload's rename is refused for good (553)
            Path inTheWay = Files.createDirectories(app.ftpRoot().resolve("incoming").resolve(name));
            app.drop(name, content);
            String report = app.awaitFailureReport(name);
            Path failed = app.data("failed").resolve(name);
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(failed));
            assertTrue(report.contains("workflow: publish"), report);

            // the cause fixed, the user moves the file back (mv keeps its time: the same file to the ledger)
            Files.delete(inTheWay);
            Files.move(failed, app.data("outbox").resolve(name));

            // at once, not after ferry.ledger.retry-failed-after (an hour)
            Path incoming = app.ftpRoot().resolve("incoming");
            await().atMost(Duration.ofSeconds(30)).until(() -> Arrays.equals(content, onServer(incoming, name)));
            await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(app.data("failed").resolve(name + ".error")));
            // the ledger records the delivery (and the report goes) just before the file moves to the archive
            await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(app.data("outbox").resolve(name)));
        }
    }

    private static byte[] onServer(Path incoming, String name) throws Exception {
        for (Path p : new Path[] {incoming.resolve(name), incoming.resolve(".done").resolve(name)}) {
            if (Files.isRegularFile(p)) {
                return Files.readAllBytes(p);
            }
        }
        return null;
    }
}
