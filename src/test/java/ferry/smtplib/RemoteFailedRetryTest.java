package ferry.smtplib;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import ferry.support.ConsoleClient;
import ferry.support.FerryApp;
import ferry.support.TestFiles;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A file that ftp-to-mail could not mail is kept on its server, in the folder's .failed/; the console's Retry puts
 * it back into the folder on the server and it is mailed once the fault is mended, and Discard deletes the kept
 * copy on the server. Against the embedded FTP server and aiosmtpd refusing a recipient (550) until told not to.
 */
class RemoteFailedRetryTest {

    @TempDir
    Path dir;

    @Test
    void should_retry_and_discard_files_kept_on_the_server() throws Exception {
        Path refusals = Files.writeString(dir.resolve("refused.txt"), "finance@example.org\n");
        try (Aiosmtpd smtp = Aiosmtpd.start("smtp", "--refuse-file", refusals.toString())) {
            Path routes = Files.createDirectories(dir.resolve("data/routes"));
            Files.writeString(routes.resolve("finance-mail.camel.yaml"), """
                    - templatedRoute:
                        routeTemplateRef: ftp-to-mail
                        routeId: finance-mail
                        parameters:
                          - name: remoteDir
                            value: /finance
                          - name: mailServer
                            value: finance
                          - name: mailTo
                            value: finance@example.org
                    """);
            Map<String, String> settings = Map.of("mail-server.finance.host", "127.0.0.1",
                    "mail-server.finance.port", String.valueOf(smtp.port()));
            try (FerryApp app = FerryApp.start(dir.resolve("data"), settings)) {
                ConsoleClient console = new ConsoleClient(app);
                Path folder = Files.createDirectories(app.ftpRoot().resolve("finance"));
                String retried = TestFiles.uniqueName(".pdf");
                String discarded = TestFiles.uniqueName(".pdf");
                Files.write(folder.resolve(retried), TestFiles.randomBytes(3000));
                Files.write(folder.resolve(discarded), TestFiles.randomBytes(3000));

                Path keptRetried = folder.resolve(".failed").resolve(retried);
                Path keptDiscarded = folder.resolve(".failed").resolve(discarded);
                await("both refused (550) and kept in /finance/.failed on the server").atMost(Duration.ofSeconds(30))
                        .until(() -> Files.exists(keptRetried) && Files.exists(keptDiscarded)
                                && console.failed(retried) != null && console.failed(discarded) != null);
                JsonObject failed = console.failed(retried);
                assertTrue(failed.getString("reason").contains("550"), failed.encode());

                // the fault mended, Retry: back into /finance on the server, mailed, moved to .done
                Files.writeString(refusals, "");
                assertEquals(200, console.post("/api/files/" + failed.getString("id") + "/retry").statusCode());
                Path done = folder.resolve(".done").resolve(retried);
                await("the retried file mailed and in /finance/.done").atMost(Duration.ofSeconds(30))
                        .until(() -> Files.exists(done) && !smtp.deliveries().isEmpty());
                assertFalse(Files.exists(keptRetried), "still kept in .failed");
                assertEquals(1, smtp.deliveries().size());
                assertTrue(Files.readString(smtp.deliveries().get(0)).contains("finance@example.org"));
                await("no longer listed as failed").atMost(Duration.ofSeconds(10)).until(() -> console.failed(retried) == null);

                // Discard: the kept copy on the server is deleted, the file no longer listed as failed, nothing mailed
                String id = console.failed(discarded).getString("id");
                assertEquals(200, console.post("/api/files/" + id + "/discard").statusCode());
                assertFalse(Files.exists(keptDiscarded), "the kept copy is still on the server");
                assertFalse(Files.exists(folder.resolve(discarded)), "put back instead of deleted");
                assertEquals(null, console.failed(discarded));
                assertEquals(1, smtp.deliveries().size());
            }
        }
    }
}
