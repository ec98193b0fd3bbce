package ferry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import ferry.support.FerryApp;
import ferry.support.QuirkyFtpServer;
import ferry.support.QuirkyFtpServer.Quirk;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped housekeeping route (ftplib steps in YAML) archives, expires and tidies on the FTP server's disk. */
class HousekeepingTest {

    @Test
    void should_archive_done_files_delete_expired_ones_and_remove_empty_folders() throws Exception {
        try (FerryApp app = FerryApp.start(Map.of("ferry.housekeeping.enabled", "true",
                "ferry.housekeeping.period", "500", "ferry.housekeeping.retention-days", "30"))) {
            Path incoming = app.ftpRoot().resolve("incoming");
            Path done = Files.createDirectories(incoming.resolve(".done"));
            Files.writeString(done.resolve("report.csv"), "delivered yesterday");
            Path oldFolder = Files.createDirectories(incoming.resolve(".archive/2020-01-01"));
            Path expired = Files.writeString(oldFolder.resolve("old.csv"), "from 2020");
            Files.setLastModifiedTime(expired, FileTime.from(Instant.parse("2020-01-01T10:00:00Z")));
            Path keptFolder = Files.createDirectories(incoming.resolve(".archive/2099-12-31"));
            Path recent = Files.writeString(keptFolder.resolve("recent.csv"), "still young");

            Path archived = incoming.resolve(".archive/" + LocalDate.now() + "/report.csv");
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(archived) && !Files.exists(oldFolder));
            assertEquals("delivered yesterday", Files.readString(archived));
            assertFalse(Files.exists(done.resolve("report.csv")));
            assertTrue(Files.exists(recent), "a file younger than the retention was deleted");
        }
    }

    /**
     * Issue 12, point 1: on a server whose LIST and NLST include {@code .} and {@code ..}, housekeeping walked into
     * {@code .archive/..} and deleted a file still waiting in the incoming folder, and never removed an empty folder.
     */
    @Test
    void should_never_act_on_dot_entries_of_a_server_that_lists_them() throws Exception {
        Path data = Path.of("target", "test-data", "housekeeping-" + UUID.randomUUID()).toAbsolutePath();
        try (QuirkyFtpServer server = QuirkyFtpServer.start(data.resolve("quirky"), "hk-pw", Quirk.DOT_ENTRIES)) {
            Path incoming = Files.createDirectories(server.root().resolve("incoming"));
            Path waiting = Files.writeString(incoming.resolve("old-waiting.txt"), "never delivered");
            Files.setLastModifiedTime(waiting, FileTime.from(Instant.now().minus(Duration.ofDays(40))));
            Path emptyFolder = Files.createDirectories(incoming.resolve(".archive/2020-01-01"));
            Path expiredFolder = Files.createDirectories(incoming.resolve(".archive/2020-01-02"));
            Path expired = Files.writeString(expiredFolder.resolve("old.csv"), "from 2020");
            Files.setLastModifiedTime(expired, FileTime.from(Instant.parse("2020-01-02T10:00:00Z")));
            // only the housekeeping route: no workflow takes the waiting file meanwhile
            Path routes = Files.createDirectories(data.resolve("only-housekeeping"));
            Files.copy(Path.of("routes", "housekeeping.camel.yaml"), routes.resolve("housekeeping.camel.yaml"));
            try (FerryApp app = FerryApp.start(data, Map.of("ferry.embedded", "false", "ferry.routes", routes.toString(),
                    "ftp.port", String.valueOf(server.port()), "ftp.username", QuirkyFtpServer.USER,
                    "ftp.password", server.password(), "ferry.housekeeping.enabled", "true",
                    "ferry.housekeeping.period", "500", "ferry.housekeeping.retention-days", "30"))) {
                await("the empty archive folder " + emptyFolder + " and the expired one " + expiredFolder + " removed")
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> !Files.exists(emptyFolder) && !Files.exists(expiredFolder));
                assertEquals("never delivered", Files.readString(waiting), "housekeeping deleted an undelivered file");
                assertTrue(Files.isDirectory(incoming.resolve(".archive/" + LocalDate.now())), "today's archive folder");
                assertTrue(Files.isDirectory(incoming.resolve(".archive")), "the archive root itself was removed");
            }
        }
    }

    @Test
    void should_be_off_by_default() throws Exception {
        try (FerryApp app = FerryApp.start()) {
            assertFalse(app.context().getRouteController().getRouteStatus("housekeeping").isStarted());
        }
    }
}
