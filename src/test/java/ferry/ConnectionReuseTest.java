package ferry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import ferry.support.FerryApp;
import ferry.support.TestFiles;
import org.apache.ftpserver.ftplet.FtpStatistics;
import org.apache.ftpserver.impl.DefaultFtpServer;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many small files move over a few logged-in connections, not a login per file: publish uploads side by side on
 * kept sessions, collect downloads on a kept session. Checked on the embedded server's own login counter.
 */
class ConnectionReuseTest {

    private static final int FILES = 120;

    @Test
    void should_publish_many_files_over_a_few_kept_connections() throws Exception {
        try (FerryApp app = FerryApp.start(Map.of("ferry.publish.parallel", "4"))) {
            FtpStatistics stats = statistics(app);
            int loginsBefore = stats.getTotalLoginNumber();
            Map<String, byte[]> sent = new HashMap<>();
            for (int i = 0; i < FILES; i++) {
                String name = TestFiles.uniqueName(".bin");
                sent.put(name, TestFiles.randomBytes(4096));
            }
            sent.forEach(app::drop);

            Path incoming = app.ftpRoot().resolve("incoming");
            await().atMost(Duration.ofSeconds(60)).until(() -> sent.keySet().stream().allMatch(n ->
                    Files.exists(incoming.resolve(n)) || Files.exists(incoming.resolve(".done").resolve(n))));
            for (Map.Entry<String, byte[]> e : sent.entrySet()) {
                Path onServer = Files.exists(incoming.resolve(e.getKey())) ? incoming.resolve(e.getKey())
                        : incoming.resolve(".done").resolve(e.getKey());
                assertArrayEquals(e.getValue(), Files.readAllBytes(onServer), e.getKey());
            }
            // publish's 4 upload sessions, ftp-to-mail's consumer and download sessions: far fewer than the files
            int logins = stats.getTotalLoginNumber() - loginsBefore;
            assertTrue(logins <= 12, FILES + " files took " + logins + " logins");
        }
    }

    @Test
    void should_collect_files_from_the_remote_folder_into_the_inbox_and_move_them_to_done() throws Exception {
        try (FerryApp app = FerryApp.start(Map.of("collect.enabled", "true", "collect.remote-dir", "/outgoing"))) {
            FtpStatistics stats = statistics(app);
            int loginsBefore = stats.getTotalLoginNumber();
            Path outgoing = Files.createDirectories(app.ftpRoot().resolve("outgoing"));
            Map<String, byte[]> offered = new HashMap<>();
            for (int i = 0; i < FILES; i++) {
                String name = TestFiles.uniqueName(".bin");
                byte[] content = TestFiles.randomBytes(4096 + i);
                // written under a hidden name and renamed, as a publisher does: never taken half-written
                Path hidden = Files.write(outgoing.resolve("." + name), content);
                Files.move(hidden, outgoing.resolve(name));
                offered.put(name, content);
            }

            Path inbox = app.data("inbox");
            Path done = outgoing.resolve(".done");
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    offered.keySet().stream().allMatch(n -> Files.exists(done.resolve(n))));
            for (Map.Entry<String, byte[]> e : offered.entrySet()) {
                assertArrayEquals(e.getValue(), Files.readAllBytes(inbox.resolve(e.getKey())), e.getKey());
            }
            try (Stream<Path> left = Files.list(outgoing)) {
                assertEquals(0, left.filter(p -> !p.getFileName().toString().startsWith(".")).count(),
                        "every collected file moved to .done");
            }
            try (Stream<Path> parts = Files.list(inbox)) {
                assertTrue(parts.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no partial file left");
            }
            int logins = stats.getTotalLoginNumber() - loginsBefore;
            assertTrue(logins <= 6, FILES + " files took " + logins + " logins");
        }
    }

    private static FtpStatistics statistics(FerryApp app) {
        return ((DefaultFtpServer) app.servers().ftp().server()).getServerContext().getFtpStatistics();
    }
}
