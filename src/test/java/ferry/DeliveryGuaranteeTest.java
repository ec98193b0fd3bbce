package ferry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

import ferry.ledger.Ledger;
import ferry.ledger.LedgerKey;
import ferry.support.FerryApp;
import ferry.support.TestFiles;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ledger's promise through the workflows: nothing sent twice, and a resend is recognisable. */
class DeliveryGuaranteeTest {

    @Test
    void should_archive_without_sending_again_a_file_whose_delivery_was_recorded_before_a_crash() throws Exception {
        try (FerryApp app = FerryApp.start()) {
            String name = TestFiles.uniqueName(".csv");
            byte[] content = TestFiles.randomBytes(2000);
            long mtime = Instant.parse("2026-01-02T03:04:05Z").toEpochMilli();
            Path outboxFile = app.data("outbox").resolve(name);
            // the crash fell after the ledger write and before the move to the archive
            app.ledger().delivered(new LedgerKey("publish", outboxFile.toString(), content.length, mtime), null);

            Path staged = Files.write(app.data().resolve(name + ".staged"), content);
            Files.setLastModifiedTime(staged, FileTime.fromMillis(mtime));
            Files.createDirectories(outboxFile.getParent());
            Files.move(staged, outboxFile, StandardCopyOption.ATOMIC_MOVE);

            await().atMost(Duration.ofSeconds(20)).until(() -> !Files.exists(outboxFile));
            assertFalse(Files.exists(app.ftpRoot().resolve("incoming/" + name)), "uploaded again");
            assertFalse(Files.exists(app.ftpRoot().resolve("incoming/.done/" + name)), "uploaded again");
            try (var archived = Files.walk(app.data("archive"))) {
                assertTrue(archived.anyMatch(p -> p.getFileName().toString().equals(name)));
            }
        }
    }

    @Test
    void should_resend_with_the_same_message_id_when_the_crash_fell_between_acceptance_and_the_ledger() throws Exception {
        try (FerryApp app = FerryApp.start()) {
            String name = TestFiles.uniqueName(".txt");
            app.drop(name, TestFiles.textWithLf(3));
            Path done = app.ftpRoot().resolve("incoming/.done/" + name);
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(done) && mails(app, name).length == 1);
            String firstId = mails(app, name)[0].getMessageID();

            // as if the server accepted the mail and Ferry died before recording it: the file is back in
            // /incoming with the same name, size and time, and the ledger still says "claimed"
            revertToClaimed(app, name);
            Files.move(done, app.ftpRoot().resolve("incoming/" + name));

            await().atMost(Duration.ofSeconds(20)).until(() -> mails(app, name).length == 2);
            assertEquals(firstId, mails(app, name)[1].getMessageID());
            assertTrue(firstId.endsWith("@ferry>"), firstId);
        }
    }

    @Test
    void should_remember_deliveries_across_a_restart() throws Exception {
        Path data;
        String name = TestFiles.uniqueName(".bin");
        byte[] content = TestFiles.randomBytes(5000);
        Path archivedCopy;
        try (FerryApp app = FerryApp.start()) {
            data = app.data();
            app.drop(name, content);
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(app.ftpRoot().resolve("incoming/.done/" + name)));
            await().atMost(Duration.ofSeconds(10)).until(() -> app.ledger().count(Ledger.State.DELIVERED) >= 2);
            try (var archived = Files.walk(app.data("archive"))) {
                archivedCopy = archived.filter(p -> p.getFileName().toString().equals(name)).findFirst().orElseThrow();
            }
        }
        try (FerryApp again = FerryApp.start(data, Map.of())) {
            assertTrue(again.ledger().count(Ledger.State.DELIVERED) >= 2, "the ledger forgot across a restart");
            // the very same file (same path, size and time) dropped again is not published twice
            Files.delete(again.ftpRoot().resolve("incoming/.done/" + name));
            Files.move(archivedCopy, again.data("outbox").resolve(name));
            await().atMost(Duration.ofSeconds(20)).until(() -> !Files.exists(again.data("outbox").resolve(name)));
            assertFalse(Files.exists(again.ftpRoot().resolve("incoming/" + name)));
            assertFalse(Files.exists(again.ftpRoot().resolve("incoming/.done/" + name)));
        }
    }

    private static void revertToClaimed(FerryApp app, String name) throws Exception {
        try (var c = java.sql.DriverManager.getConnection("jdbc:h2:file:" + app.data("ledger").resolve("ferry"));
             var st = c.prepareStatement("UPDATE ferry_file SET state='CLAIMED' WHERE workflow='ftp-to-mail' AND source LIKE ?")) {
            st.setString(1, "%/" + name);
            assertEquals(1, st.executeUpdate());
        }
    }

    private static MimeMessage[] mails(FerryApp app, String name) throws Exception {
        return Arrays.stream(app.greenMail().getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject() != null && m.getSubject().contains(name);
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toArray(MimeMessage[]::new);
    }
}
