package ferry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import ferry.support.FerryApp;
import ferry.support.Mails;
import ferry.support.TestFiles;
import ferry.support.TestLog;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Awkward names and contents through publish and ftp-to-mail: each one arrives byte-identical, or is kept
 * with a clear reason; none is lost, none escapes the data folders.
 */
class BadInputTest {

    private static FerryApp app;

    @BeforeAll
    static void start() throws Exception {
        app = FerryApp.start(Map.of("mail.max-attachment-size", "64KB"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static Stream<Arguments> names() {
        return Stream.of(
                Arguments.of("an empty file", "empty.bin", new byte[0]),
                Arguments.of("spaces", "with some spaces.txt", text()),
                Arguments.of("Japanese", "日本語のファイル.txt", text()),
                Arguments.of("emoji", "report-😀.bin", bytes()),
                Arguments.of("combining accent", "cafe\u0301.txt", text()),
                Arguments.of("leading dash", "-rf.txt", text()),
                Arguments.of("shell metacharacters", "$(touch pwned);rm -rf `x`|y.txt", text()),
                Arguments.of("URI characters", "100%25 & #1?.txt", text()),
                Arguments.of("quotes", "it's \"quoted\".txt", text()),
                Arguments.of("glob characters", "glob*[a-z]{1,2}.txt", text()),
                Arguments.of("a 200-character name", "n".repeat(196) + ".txt", text()),
                Arguments.of("a 255-byte name (the file system's limit)", "L".repeat(251) + ".bin", bytes()),
                Arguments.of("no extension", "README", text()),
                Arguments.of("many dots", "archive.2026.11.tar.gz", bytes()),
                Arguments.of("trailing dot", "trailing.", text()),
                Arguments.of("looks like a temporary file", "upload.part", bytes()),
                Arguments.of("tilde", "~backup~", text()),
                Arguments.of("every byte value", "all-bytes.bin", allBytes()),
                Arguments.of("CRLF text", "windows.txt", "a\r\nb\r\n".getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("lone CR text", "old-mac.txt", "a\rb\r".getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("NUL bytes", "nuls.bin", new byte[] {0, 0, 1, 0, 2}),
                Arguments.of("non-UTF-8 text content", "latin1.txt", "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void should_deliver_byte_identical(String what, String name, byte[] content) throws Exception {
        app.drop(name, content);
        MimeMessage mail = await().atMost(Duration.ofSeconds(30)).until(() -> find(name), m -> m != null);
        assertArrayEquals(content, Mails.attachment(mail, name), what);
        Path done = app.ftpRoot().resolve("incoming/.done").resolve(name);
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(done));
        assertArrayEquals(content, Files.readAllBytes(done), what);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lineBreaks")
    void should_refuse_a_name_with_a_line_break_and_keep_the_file(String what, String name) throws Exception {
        byte[] content = text();
        app.drop(name, content);
        Path kept = app.data("failed").resolve(name);
        Path report = app.data("failed").resolve(name + ".error");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(kept) && Files.exists(report));
        assertArrayEquals(content, Files.readAllBytes(kept));
        String text = Files.readString(report);
        assertTrue(text.contains("contains a line break"), text);
        assertFalse(text.substring(0, text.indexOf("\nworkflow")).contains("Bcc: victim@example.org.txt\n"), "raw name in report: " + text);
    }

    @Test
    void should_log_a_refused_name_in_one_error_line_and_no_rollback_warning() throws Exception {
        // the unique part on both sides of the line break: a line of the log that starts with it is a forged one
        String unique = TestFiles.uniqueName("");
        String name = unique + "\n" + unique + ".txt";
        app.drop(name, text());
        // camel-file warns (if it does) just before it moves the file to failed/
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(app.data("failed").resolve(name)));
        String safe = unique + "_" + unique + ".txt";
        await().atMost(Duration.ofSeconds(10)).until(() -> !TestLog.lines(safe + " not delivered, kept at ").isEmpty());
        List<String> reported = TestLog.lines("publish: " + safe + " not delivered, kept at ", "contains a line break");
        assertEquals(1, reported.size(), "one failure line: " + TestLog.lines(unique));
        assertEquals(List.of(), TestLog.lines("Rollback file strategy", unique), "camel-file's rollback warning");
        assertTrue(TestLog.lines(unique).stream().noneMatch(l -> l.startsWith(unique)), "a forged line: " + TestLog.lines(unique));
    }

    static Stream<Arguments> lineBreaks() {
        return Stream.of(Arguments.of("LF in the name (header injection attempt)", "evil\nBcc: victim@example.org.txt"),
                Arguments.of("CR in the name", "cr\rname.txt"));
    }

    @Test
    void should_replace_a_tab_in_the_name_in_mail_headers() throws Exception {
        String name = "tab\there-" + TestFiles.uniqueName(".txt");
        byte[] content = text();
        app.drop(name, content);
        String safe = name.replace('\t', '_');
        MimeMessage mail = await().atMost(Duration.ofSeconds(30)).until(() -> find(safe), m -> m != null);
        assertArrayEquals(content, Mails.attachment(mail, safe));
    }

    @Test
    void should_leave_a_local_name_with_a_backslash_in_the_outbox() throws Exception {
        // camel-file reads a backslash as a folder separator and cannot open such a file: it is kept, with a warning
        Path odd = Files.writeString(app.data("outbox").resolve("back\\slash-" + TestFiles.uniqueName(".txt")), "kept");
        String marker = TestFiles.uniqueName(".txt");
        app.drop(marker, text());
        await().atMost(Duration.ofSeconds(30)).until(() -> find(marker) != null);
        assertTrue(Files.exists(odd), "the file was lost");
    }

    @Test
    void should_announce_a_file_over_the_attachment_limit_without_downloading_it() throws Exception {
        String name = TestFiles.uniqueName(".bin");
        app.drop(name, TestFiles.randomBytes(100_000));
        MimeMessage mail = await().atMost(Duration.ofSeconds(30)).until(() -> find(name), m -> m != null);
        assertNull(Mails.attachment(mail, name));
        assertTrue(Mails.text(mail).contains("100000 bytes"));
        try (Stream<Path> work = Files.exists(app.data("inbox/.work")) ? Files.walk(app.data("inbox/.work")) : Stream.empty()) {
            assertTrue(work.noneMatch(p -> p.getFileName().toString().contains(name)), "downloaded anyway");
        }
    }

    @Test
    void should_leave_hidden_files_and_subfolders_in_the_outbox_untouched() throws Exception {
        Path hidden = Files.writeString(app.data("outbox").resolve(".hidden-" + TestFiles.uniqueName("")), "not for sending");
        Path nested = Files.createDirectories(app.data("outbox").resolve("sub-" + TestFiles.uniqueName(""))).resolve("x.txt");
        Files.writeString(nested, "not for sending either");
        String marker = TestFiles.uniqueName(".txt");
        app.drop(marker, text());
        await().atMost(Duration.ofSeconds(30)).until(() -> find(marker) != null);
        assertTrue(Files.exists(hidden) && Files.exists(nested), "a hidden or nested file was taken");
    }

    @Test
    void should_keep_a_remote_name_with_backslashes_and_dots_on_the_server_and_write_nothing_outside() throws Exception {
        // camel-ftp reads backslashes as folder separators, so this name cannot be fetched: it must stay put
        String name = "a\\..\\..\\..\\escape-" + TestFiles.uniqueName(".txt");
        Path remote = Files.writeString(app.ftpRoot().resolve("incoming").resolve(name), "stay inside");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(app.data("failed").resolve(name + ".error")));
        assertTrue(Files.exists(remote), "the remote file was lost");
        try (Stream<Path> all = Files.walk(app.data().getParent(), 1)) {
            assertTrue(all.noneMatch(p -> p.getFileName().toString().startsWith("escape-")), "written outside the data folder");
        }
    }

    private static MimeMessage find(String name) throws Exception {
        for (MimeMessage m : app.greenMail().getReceivedMessages()) {
            if (m.getSubject() != null && m.getSubject().contains(name)) {
                return m;
            }
        }
        return null;
    }

    private static byte[] text() {
        return TestFiles.textWithLf(3);
    }

    private static byte[] bytes() {
        return TestFiles.randomBytes(3000);
    }

    private static byte[] allBytes() {
        byte[] b = new byte[1024];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) i;
        }
        return b;
    }
}
