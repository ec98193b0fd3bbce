package ferry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import ferry.support.FerryApp;
import ferry.support.QuirkyFtpServer;
import ferry.support.QuirkyFtpServer.Quirk;
import ferry.support.TestFiles;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * publish uploads exactly {@code parallel} files at once, never one more: a server that allows a user that many
 * connections must not see another (the poller waits for a free upload, it does not upload itself).
 */
class UploadsAtOnceTest {

    @Test
    void should_upload_parallel_files_at_once_and_never_more() throws Exception {
        Path data = Path.of("target", "test-data", "uploads-at-once-" + UUID.randomUUID()).toAbsolutePath();
        try (QuirkyFtpServer server = QuirkyFtpServer.start(data.resolve("quirky"), "at-once-pw", Quirk.SLOW_TRANSFERS)) {
            Path incoming = Files.createDirectories(server.root().resolve("incoming"));
            try (FerryApp app = server.ferry(data, "publish.camel.yaml", Map.of("ferry.publish.parallel", "2"))) {
                // each takes about half a second at the server's rate, so uploads overlap whenever they can
                Map<String, byte[]> sent = new HashMap<>();
                for (int i = 0; i < 8; i++) {
                    sent.put(TestFiles.uniqueName(".bin"), TestFiles.randomBytes(QuirkyFtpServer.SLOW_RATE / 2));
                }
                sent.forEach(app::drop);
                await("the 8 files complete in " + incoming).atMost(Duration.ofSeconds(60)).until(() -> sent.entrySet()
                        .stream().allMatch(e -> Files.exists(incoming.resolve(e.getKey()))
                                && e.getValue().length == incoming.resolve(e.getKey()).toFile().length()));
                for (Map.Entry<String, byte[]> e : sent.entrySet()) {
                    assertArrayEquals(e.getValue(), Files.readAllBytes(incoming.resolve(e.getKey())), e.getKey());
                }
                assertEquals(2, server.mostUploadsAtOnce(), "uploads in progress at the same time, at most");
            }
        }
    }
}
