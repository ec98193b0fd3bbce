package ferry;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import ferry.support.FerryApp;
import ferry.support.Mails;
import ferry.support.TestFiles;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Inputs that are hard rather than odd: a name reused while its first file waits, a 2 GiB file, a Unicode address. */
class HardInputTest {

    @Test
    void should_deliver_both_files_when_a_name_comes_again_before_the_first_was_taken() throws Exception {
        try (FerryApp app = FerryApp.start()) {
            // hold ftp-to-mail so the first file stays in the FTP folder
            app.context().getRouteController().stopRoute("ftp-to-mail");
            String name = TestFiles.uniqueName(".csv");
            byte[] first = TestFiles.randomBytes(1000);
            byte[] second = TestFiles.randomBytes(2000);
            app.drop(name, first);
            Path incoming = app.ftpRoot().resolve("incoming").resolve(name);
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(incoming) && Files.size(incoming) == first.length);
            app.drop(name, second);
            // the second upload waits rather than overwrite the first, and is kept in the outbox meanwhile
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                    .until(() -> Files.size(incoming) == first.length && Files.exists(app.data("outbox").resolve(name)));
            app.context().getRouteController().startRoute("ftp-to-mail");

            await().atMost(Duration.ofSeconds(40)).until(() -> mails(app, name).size() == 2);
            List<byte[]> attachments = mails(app, name).stream().map(m -> {
                try {
                    return Mails.attachment(m, name);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
            assertTrue(attachments.stream().anyMatch(a -> Arrays.equals(a, first)), "first version lost");
            assertTrue(attachments.stream().anyMatch(a -> Arrays.equals(a, second)), "second version lost");
        }
    }

    @Test
    void should_publish_a_2_gib_file_and_announce_it_without_holding_it_in_memory() throws Exception {
        try (FerryApp app = FerryApp.start()) {
            String name = TestFiles.uniqueName(".img");
            long size = 2L << 30;
            Path staged = app.data().resolve(".staged-" + name);
            try (RandomAccessFile f = new RandomAccessFile(staged.toFile(), "rw")) {
                // sparse: quick to make; every byte still goes over FTP
                f.setLength(size);
                f.seek(size - 4);
                f.write(new byte[] {'e', 'n', 'd', '!'});
            }
            Files.createDirectories(app.data("outbox"));
            Files.move(staged, app.data("outbox").resolve(name), StandardCopyOption.ATOMIC_MOVE);
            MimeMessage mail = await().atMost(Duration.ofMinutes(3)).until(() -> mails(app, name).stream().findFirst().orElse(null),
                    m -> m != null);
            assertTrue(Mails.text(mail).contains(size + " bytes"), Mails.text(mail));
            Path done = app.ftpRoot().resolve("incoming/.done").resolve(name);
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(done));
            assertEquals(size, Files.size(done));
            try (RandomAccessFile f = new RandomAccessFile(done.toFile(), "r")) {
                byte[] tail = new byte[4];
                f.seek(size - 4);
                f.readFully(tail);
                assertArrayEquals(new byte[] {'e', 'n', 'd', '!'}, tail);
            }
        }
    }

    @Test
    void should_mail_an_internationalised_address() throws Exception {
        try (FerryApp app = FerryApp.start(Map.of("mail.to", "müller@例え.jp"))) {
            String name = TestFiles.uniqueName(".txt");
            app.drop(name, TestFiles.textWithLf(2));
            MimeMessage mail = await().atMost(Duration.ofSeconds(30)).until(() -> mails(app, name).stream().findFirst().orElse(null),
                    m -> m != null);
            assertEquals("müller@例え.jp", ((jakarta.mail.internet.InternetAddress) mail.getAllRecipients()[0]).getAddress());
        }
    }

    private static List<MimeMessage> mails(FerryApp app, String name) {
        return Arrays.stream(app.greenMail().getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject() != null && m.getSubject().contains(name);
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }
}
