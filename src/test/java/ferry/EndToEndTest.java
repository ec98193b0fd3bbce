package ferry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import ferry.support.FerryApp;
import ferry.support.Mails;
import ferry.support.TestFiles;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded default end to end: outbox -> embedded FTP -> embedded mail, as a newcomer sees it. */
class EndToEndTest {

    @Test
    void should_deliver_a_dropped_binary_and_text_file_byte_identical_by_ftp_and_mail() throws Exception {
        try (FerryApp app = FerryApp.start()) {
            byte[] binary = TestFiles.randomBytes(300_000);
            byte[] text = TestFiles.textWithLf(100);
            String binaryName = TestFiles.uniqueName(".bin");
            String textName = TestFiles.uniqueName(".txt");
            app.drop(binaryName, binary);
            app.drop(textName, text);

            Path done = app.ftpRoot().resolve("incoming/.done");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Files.exists(done.resolve(binaryName)) && Files.exists(done.resolve(textName)));
            // the bytes on the FTP server's disk
            assertArrayEquals(binary, Files.readAllBytes(done.resolve(binaryName)));
            assertArrayEquals(text, Files.readAllBytes(done.resolve(textName)));

            // the mail GreenMail received, attachments unchanged (base64: no LF -> CRLF)
            MimeMessage binaryMail = await().atMost(Duration.ofSeconds(10)).until(() -> find(app, binaryName), m -> m != null);
            MimeMessage textMail = await().atMost(Duration.ofSeconds(10)).until(() -> find(app, textName), m -> m != null);
            assertArrayEquals(binary, Mails.attachment(binaryMail, binaryName));
            assertArrayEquals(text, Mails.attachment(textMail, textName));
            assertEquals("base64", Mails.encodingOf(textMail, textName));
            assertEquals(app.property("mail.to"), binaryMail.getAllRecipients()[0].toString());
            assertEquals(app.property("mail.from"), binaryMail.getFrom()[0].toString());

            // local side: archived, outbox empty; remote side: nothing left under a temporary name
            await().atMost(Duration.ofSeconds(10)).until(() -> archived(app, binaryName) != null && archived(app, textName) != null);
            assertArrayEquals(binary, Files.readAllBytes(archived(app, binaryName)));
            try (Stream<Path> left = Files.list(app.data("outbox"))) {
                assertEquals(0, left.count());
            }
            try (Stream<Path> incoming = Files.list(app.ftpRoot().resolve("incoming"))) {
                assertTrue(incoming.noneMatch(p -> p.getFileName().toString().endsWith(".part")));
            }
            // written under a hidden temporary name, renamed when complete
            assertTrue(storedUnderTemporaryName(Files.readAllLines(Path.of("target/test.log")), binaryName),
                    "no STOR .part / RNFR .part / RNTO sequence for " + binaryName);
            // the newcomer's copy of the mail
            await().atMost(Duration.ofSeconds(10)).until(() -> emlMentioning(app, binaryName));
        }
    }

    /**
     * Issue 15: ftp-to-mail downloads a file listed up to 1 MiB into memory and a larger one into a work file; both
     * arrive unchanged, CR and LF bytes included (a text conversion anywhere would alter them).
     */
    @Test
    void should_mail_files_below_at_and_above_one_mib_byte_identical() throws Exception {
        try (FerryApp app = FerryApp.start()) {
            Map<String, byte[]> sent = Map.of(
                    TestFiles.uniqueName(".txt"), withLineEnds(TestFiles.randomBytes(200_000)),
                    TestFiles.uniqueName(".bin"), withLineEnds(TestFiles.randomBytes(1 << 20)),
                    TestFiles.uniqueName(".bin"), withLineEnds(TestFiles.randomBytes(3 << 19)));
            sent.forEach(app::drop);

            for (Map.Entry<String, byte[]> e : sent.entrySet()) {
                MimeMessage mail = await("the mail of " + e.getKey() + " (" + e.getValue().length + " bytes)")
                        .atMost(Duration.ofSeconds(60)).until(() -> find(app, e.getKey()), m -> m != null);
                assertArrayEquals(e.getValue(), Mails.attachment(mail, e.getKey()), e.getKey());
                assertEquals("base64", Mails.encodingOf(mail, e.getKey()));
            }
        }
    }

    /** {@code content} with CRLF, a lone CR and a lone LF every 1000 bytes. */
    private static byte[] withLineEnds(byte[] content) {
        for (int i = 0; i + 5 <= content.length; i += 1000) {
            System.arraycopy(new byte[] {'\r', '\n', '\n', '\r', 'x'}, 0, content, i, 5);
        }
        return content;
    }

    /** Issue 15: publish's upload wakes ftp-to-mail, which watches that folder in the same instance, at once. */
    @Test
    void should_mail_a_published_file_at_once_though_the_ftp_folder_is_polled_only_every_ten_minutes() throws Exception {
        Path data = Path.of("target", "test-data", TestFiles.uniqueName("-wake")).toAbsolutePath();
        try (FerryApp app = FerryApp.start(data, Map.of("ferry.poll-delay", "600000"))) {
            byte[] content = TestFiles.randomBytes(5000);
            String name = TestFiles.uniqueName(".bin");
            app.drop(name, content);
            MimeMessage mail = await("the mail of " + name + " (ftp-to-mail's first scheduled poll is 10 minutes away)")
                    .atMost(Duration.ofSeconds(30)).until(() -> find(app, name), m -> m != null);
            assertArrayEquals(content, Mails.attachment(mail, name));
            await("the mailed " + name + " moved to incoming/.done on the FTP server").atMost(Duration.ofSeconds(10))
                    .until(() -> Files.exists(app.ftpRoot().resolve("incoming/.done").resolve(name)));
        }
    }

    @Test
    void should_log_one_line_per_batch_with_the_rate_and_what_is_still_waiting() throws Exception {
        Path data = Path.of("target", "test-data", TestFiles.uniqueName("-batches")).toAbsolutePath();
        Path outbox = Files.createDirectories(data.resolve("outbox"));
        String prefix = TestFiles.uniqueName("-");
        int files = 60;
        // all there before Ferry starts: a backlog from the first poll on
        for (int i = 0; i < files; i++) {
            Files.write(outbox.resolve(String.format("%s%03d.bin", prefix, i)), TestFiles.randomBytes(2000));
        }
        int before = ferry.support.TestLog.lines("").size();
        // five files a poll: several lines while the rest waits
        try (FerryApp app = FerryApp.start(data, Map.of("ferry.max-files-per-poll", "5"))) {
            await("all " + files + " mailed").atMost(Duration.ofSeconds(90))
                    .until(() -> app.greenMail().getReceivedMessages().length >= files);
            await("the mailed files moved to .done").atMost(Duration.ofSeconds(20)).until(() -> {
                try (Stream<Path> done = Files.list(app.ftpRoot().resolve("incoming/.done"))) {
                    return done.filter(p -> p.getFileName().toString().startsWith(prefix)).count() == files;
                }
            });
        }
        java.util.List<String> log = ferry.support.TestLog.lines("");
        java.util.List<String> run = log.subList(before, log.size());
        java.util.List<String> uploads = run.stream().filter(l -> l.contains("BatchLog - publish: ")).toList();
        java.util.List<String> mails = run.stream().filter(l -> l.contains("BatchLog - ftp-to-mail: ")).toList();
        assertTrue(uploads.stream().anyMatch(l -> l.matches(".*publish: \\d+ files.* uploaded to server default /incoming, archived; \\d+ waiting")),
                "a publish line with the backlog: " + String.join("\n", uploads));
        assertTrue(mails.stream().anyMatch(l -> l.matches(".*ftp-to-mail: \\d+ files.* mailed through mail server default.*")),
                "an ftp-to-mail line: " + String.join("\n", mails));
        // every file is in exactly one line of each workflow, and no file has a line of its own at INFO
        assertEquals(files, uploads.stream().mapToInt(EndToEndTest::count).sum(), String.join("\n", uploads));
        assertEquals(files, mails.stream().mapToInt(EndToEndTest::count).sum(), String.join("\n", mails));
        assertTrue(run.stream().noneMatch(l -> l.contains(" INFO ") && l.contains(prefix)), "a per-file INFO line");
    }

    /** The number of files a batch line counts ("10 files", "1 file"). */
    private static int count(String line) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(": (\\d+) files?\\b").matcher(line);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    @Test
    void should_announce_a_file_larger_than_the_attachment_limit_instead_of_attaching_it() throws Exception {
        try (FerryApp app = FerryApp.start(Map.of("mail.max-attachment-size", "4KB"))) {
            String name = TestFiles.uniqueName(".bin");
            app.drop(name, TestFiles.randomBytes(5000));

            MimeMessage mail = await().atMost(Duration.ofSeconds(30)).until(() -> find(app, name), m -> m != null);
            assertNull(Mails.attachment(mail, name));
            String body = Mails.text(mail);
            assertTrue(body.contains(name), body);
            assertTrue(body.contains("5000 bytes"), body);
            // where to fetch it, as a URL of the server the flow watches
            assertTrue(java.util.regex.Pattern.compile("ftp://127\\.0\\.0\\.1:[1-9][0-9]*/incoming/\\.done/"
                    + java.util.regex.Pattern.quote(name)).matcher(body).find(), body);
            assertTrue(body.contains("mail.max-attachment-size"), body);
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(app.ftpRoot().resolve("incoming/.done/" + name)));
        }
    }

    @Test
    void should_not_pick_up_a_file_while_it_is_still_being_written() throws Exception {
        try (FerryApp app = FerryApp.start(Map.of("ferry.outbox.stable-time", "1500"))) {
            String name = TestFiles.uniqueName(".log");
            Path growing = app.data("outbox").resolve(name);
            Files.createDirectories(growing.getParent());
            byte[] chunk = TestFiles.textWithLf(10);
            Files.write(growing, chunk);
            // keep appending for a while: the read lock must wait until the size holds still
            for (int i = 1; i < 6; i++) {
                await("picked up while still growing").during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                        .until(() -> Files.exists(growing));
                Files.write(growing, chunk, java.nio.file.StandardOpenOption.APPEND);
                assertTrue(Files.exists(growing), "picked up while still growing");
            }
            byte[] expected = Files.readAllBytes(growing);
            MimeMessage mail = await().atMost(Duration.ofSeconds(30)).until(() -> find(app, name), m -> m != null);
            assertArrayEquals(expected, Mails.attachment(mail, name));
        }
    }

    /** The FTP server's command log shows STOR of a hidden .part name, RNFR of it, then RNTO the real name. */
    private static boolean storedUnderTemporaryName(java.util.List<String> log, String name) {
        for (int i = 0; i < log.size(); i++) {
            java.util.regex.Matcher stor = java.util.regex.Pattern.compile(" STOR (?:\\S*/)?(\\.ferry-\\S+\\.part)$").matcher(log.get(i));
            if (stor.find()) {
                String temp = stor.group(1);
                for (int j = i + 1; j < log.size(); j++) {
                    if (log.get(j).endsWith("RNFR " + temp) || log.get(j).endsWith("/" + temp)) {
                        for (int k = j + 1; k < log.size(); k++) {
                            if (log.get(k).contains(" RNTO ") && (log.get(k).endsWith("/" + name) || log.get(k).endsWith(" " + name))) {
                                return true;
                            }
                        }
                    }
                }
            }
        }
        return false;
    }

    private static MimeMessage find(FerryApp app, String name) throws Exception {
        for (MimeMessage m : app.greenMail().getReceivedMessages()) {
            if (m.getSubject() != null && m.getSubject().contains(name)) {
                return m;
            }
        }
        return null;
    }

    private static Path archived(FerryApp app, String name) throws Exception {
        if (!Files.exists(app.data("archive"))) {
            return null;
        }
        try (Stream<Path> all = Files.walk(app.data("archive"))) {
            return all.filter(p -> p.getFileName().toString().equals(name)).findFirst().orElse(null);
        }
    }

    private static boolean emlMentioning(FerryApp app, String name) throws Exception {
        Path mail = app.data("mail");
        if (!Files.exists(mail)) {
            return false;
        }
        try (Stream<Path> files = Files.list(mail)) {
            return files.filter(p -> p.toString().endsWith(".eml")).anyMatch(p -> {
                try {
                    return Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1).contains(name);
                } catch (java.io.IOException e) {
                    return false;
                }
            });
        }
    }

}
