package ferry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import ferry.support.FerryApp;
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

    @Test
    void should_be_off_by_default() throws Exception {
        try (FerryApp app = FerryApp.start()) {
            assertFalse(app.context().getRouteController().getRouteStatus("housekeeping").isStarted());
        }
    }
}
