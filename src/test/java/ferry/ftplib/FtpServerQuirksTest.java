package ferry.ftplib;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ferry.progress.ProgressInputStream;
import ferry.progress.TransferProgress;
import ferry.support.FtpTarget;
import ferry.support.QuirkyFtpServer;
import ferry.support.QuirkyFtpServer.Quirk;
import ferry.support.TestFiles;
import ferry.support.TestLog;
import ferry.support.Vsftpd;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static ferry.ftplib.StepsSupport.failure;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ftplib steps against servers that differ from MINA's and vsftpd's defaults (issue 13, points 4 to 8 and 13):
 * real servers over sockets, {@link QuirkyFtpServer} one quirk each, and vsftpd where it behaves so itself.
 */
class FtpServerQuirksTest {

    private static Path data;
    private static CamelContext context;
    private static ProducerTemplate template;

    @BeforeAll
    static void start() throws Exception {
        data = Path.of("target", "test-data", "quirks-" + UUID.randomUUID()).toAbsolutePath();
        context = new DefaultCamelContext();
        context.addComponent("ftplib", new FtpLibComponent());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // ASCII mode first (as after nlst/dir/retrlines in ftplib), then SIZE in the same session
                from("direct:sizeAfterAscii")
                        .toD("ftplib:retrlines?path=${header.file}&${header.options}&binary=false")
                        .toD("ftplib:size?path=${header.file}&${header.options}&binary=false");
                from("direct:loginQuit").toD("ftplib:login?${header.options}").toD("ftplib:quit?${header.options}");
            }
        });
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterAll
    static void stop() {
        context.stop();
    }

    private static QuirkyFtpServer server(Quirk... quirks) throws Exception {
        return QuirkyFtpServer.start(data.resolve(UUID.randomUUID().toString()), "quirk-pw", quirks);
    }

    private static Object step(FtpTarget s, String op, String options) {
        return template.requestBody("ftplib:" + op + "?" + s.options() + (options.isEmpty() ? "" : "&" + options), (Object) null);
    }

    private static Exchange send(FtpTarget s, String op, String options, Object body) {
        return template.send("ftplib:" + op + "?" + s.options() + "&" + options, e -> e.getMessage().setBody(body));
    }

    /** Point 4: nlst returns what the server sends ('.' and '..' too); dir's entries never hold them. */
    @Test
    void should_return_dot_entries_from_nlst_but_never_as_dir_entries() throws Exception {
        try (QuirkyFtpServer server = server(Quirk.DOT_ENTRIES)) {
            FtpTarget s = server.target("dot-entries");
            Files.writeString(Files.createDirectories(s.disk().resolve("full")).resolve("a.txt"), "a");
            Files.writeString(s.disk().resolve("full/.hidden"), "h");
            Files.createDirectories(s.disk().resolve("empty"));

            List<?> names = (List<?>) step(s, "nlst", "path=full");
            assertTrue(names.containsAll(List.of(".", "..", "a.txt", ".hidden")), String.valueOf(names));
            Exchange dir = send(s, "dir", "path=full", null);
            List<FtpEntry> entries = dir.getMessage().getHeader(FtpLibProducer.ENTRIES, List.class);
            assertEquals(List.of(".hidden", "a.txt"), entries.stream().map(FtpEntry::getName).sorted().toList());
            assertEquals(4, dir.getMessage().getBody(List.class).size(), "dir's lines are the server's, all of them");

            assertEquals(List.of(".", ".."), ((List<?>) step(s, "nlst", "path=empty")).stream().sorted().toList());
            Exchange empty = send(s, "dir", "path=empty", null);
            assertEquals(List.of(), empty.getMessage().getHeader(FtpLibProducer.ENTRIES, List.class));
        }
    }

    /** Point 4: multi-line 150, 226 and 221 replies: transfers and quit work, the reply text holds every line. */
    @Test
    void should_work_with_multi_line_transfer_and_goodbye_replies() throws Exception {
        try (QuirkyFtpServer server = server(Quirk.MULTI_LINE_REPLIES)) {
            FtpTarget s = server.target("multi-line");
            byte[] content = TestFiles.randomBytes(300_000);
            Exchange stored = send(s, "storbinary", "path=multi.bin", content);
            assertNull(stored.getException(), String.valueOf(stored.getException()));
            assertEquals(226, stored.getMessage().getHeader(FtpLibProducer.REPLY_CODE));
            assertTrue(stored.getMessage().getHeader(FtpLibProducer.REPLY_TEXT, String.class).contains("spans lines"));
            assertArrayEquals(content, Files.readAllBytes(s.disk().resolve("multi.bin")));

            Path local = Files.createTempDirectory("ferry-multi");
            step(s, "retrbinary", "path=multi.bin&localDir=" + local);
            assertArrayEquals(content, Files.readAllBytes(local.resolve("multi.bin")));
            assertTrue(((List<?>) step(s, "nlst", "")).contains("multi.bin"));

            Exchange quit = template.send("direct:loginQuit", e -> e.getMessage().setHeader("options", s.options()));
            assertNull(quit.getException(), String.valueOf(quit.getException()));
            assertEquals(221, quit.getMessage().getHeader(FtpLibProducer.REPLY_CODE));
            assertTrue(quit.getMessage().getHeader(FtpLibProducer.REPLY_TEXT, String.class).contains("spans lines"));
        }
    }

    /** Point 5: mkd returns the folder as the server quoted it, relative or absolute, as ftplib does. */
    @Test
    void should_return_what_the_server_quoted_from_mkd() throws Exception {
        try (QuirkyFtpServer relative = server(Quirk.MKD_QUOTES_RELATIVE); QuirkyFtpServer absolute = server()) {
            assertEquals("made", step(relative.target("relative"), "mkd", "path=made"));
            assertTrue(Files.isDirectory(relative.root().resolve("made")));
            assertEquals("/made", step(absolute.target("absolute"), "mkd", "path=made"));
            assertTrue(Files.isDirectory(absolute.root().resolve("made")));
        }
    }

    /**
     * Point 6: SIZE refused in ASCII mode (MINA made to refuse it as some servers do; Debian's vsftpd 3.0 answers it,
     * and is checked too): size and the ifExists=fail check still answer right.
     */
    @Test
    void should_report_the_size_of_a_file_while_the_session_is_in_ascii_mode() throws Exception {
        try (QuirkyFtpServer server = server(Quirk.SIZE_REFUSED_IN_ASCII)) {
            FtpTarget s = server.target("ascii-size");
            Files.writeString(s.disk().resolve("text.txt"), "twelve bytes");
            // a fresh session opened in ASCII mode (binary=false)
            assertEquals(12L, step(s, "size", "path=text.txt&binary=false"));
            Exchange done = template.send("direct:sizeAfterAscii", e -> e.getMessage().setHeaders(Map.of(
                    "options", s.options(), "file", "text.txt")));
            assertNull(done.getException(), String.valueOf(done.getException()));
            assertEquals(12L, done.getMessage().getBody(Long.class));
            assertEquals(213, done.getMessage().getHeader(FtpLibProducer.REPLY_CODE));
            // publish's "is the name free?" check in an ASCII session: the file is seen, not overwritten
            Exchange refused = send(s, "storlines", "path=text.txt&binary=false&ifExists=fail", "other\n");
            assertInstanceOf(FtpTemporaryException.class, refused.getException(), String.valueOf(refused.getException()));
            assertEquals("twelve bytes", Files.readString(s.disk().resolve("text.txt")));
        }
        try (Vsftpd vsftpd = Vsftpd.start()) {
            FtpTarget s = new FtpTarget("vsftpd", vsftpd.port(), Vsftpd.USER, Vsftpd.PASSWORD, vsftpd.root(), "");
            Files.writeString(vsftpd.root().resolve("text.txt"), "twelve bytes");
            assertEquals(12L, step(s, "size", "path=text.txt&binary=false"));
            // publish's "is the name free?" check in an ASCII session: the file is seen, not overwritten
            Exchange refused = send(s, "storlines", "path=text.txt&binary=false&ifExists=fail", "other\n");
            assertInstanceOf(FtpTemporaryException.class, refused.getException());
            assertEquals("twelve bytes", Files.readString(vsftpd.root().resolve("text.txt")));
        }
    }

    /** Point 7: STOR into a missing folder answered 553 (vsftpd, and a MINA that does the same): permanent, naming it. */
    @Test
    void should_fail_a_store_into_a_missing_folder_permanently_naming_the_folder() throws Exception {
        try (QuirkyFtpServer server = server(Quirk.STOR_MISSING_FOLDER_553); Vsftpd vsftpd = Vsftpd.start()) {
            FtpTarget vs = new FtpTarget("vsftpd", vsftpd.port(), Vsftpd.USER, Vsftpd.PASSWORD, vsftpd.root(), "");
            for (FtpTarget s : List.of(server.target("stor-553"), vs)) {
                FtpException e = failure(() -> template.requestBody("ftplib:storbinary?" + s.options()
                        + "&path=no-such-folder/x.bin", new byte[] {1, 2, 3}));
                assertInstanceOf(FtpPermanentException.class, e, s + ": " + e);
                assertEquals(553, e.getReplyCode(), s + ": " + e.getMessage());
                assertTrue(e.getMessage().contains("folder 'no-such-folder'"), s + ": " + e.getMessage());
                assertFalse(Files.exists(s.disk().resolve("no-such-folder")));
            }
        }
    }

    /** Point 8: a server without SIZE (502): ifExists=fail looks by listing and never overwrites. */
    @Test
    void should_not_overwrite_with_if_exists_fail_on_a_server_without_size() throws Exception {
        try (QuirkyFtpServer server = server(Quirk.NO_SIZE)) {
            FtpTarget s = server.target("no-size");
            Files.createDirectories(s.disk().resolve("in"));
            Files.writeString(s.disk().resolve("in/taken.txt"), "first");
            Exchange refused = send(s, "storbinary", "path=in/taken.txt&ifExists=fail", "second".getBytes(StandardCharsets.UTF_8));
            assertInstanceOf(FtpTemporaryException.class, refused.getException(), String.valueOf(refused.getException()));
            assertEquals("first", Files.readString(s.disk().resolve("in/taken.txt")));

            Exchange stored = send(s, "storbinary", "path=in/free.txt&ifExists=fail", "new".getBytes(StandardCharsets.UTF_8));
            assertNull(stored.getException(), String.valueOf(stored.getException()));
            assertEquals("new", Files.readString(s.disk().resolve("in/free.txt")));
        }
    }

    /** Point 13: ferry.progress-interval holds for downloads; an upload reporting its own progress is not reported twice. */
    @Test
    void should_report_download_progress_at_the_interval_and_upload_progress_once() throws Exception {
        try (QuirkyFtpServer server = server(Quirk.SLOW_TRANSFERS)) {
            FtpTarget s = server.target("slow");
            // about 3 s at the server's rate: lines every second, none at the old fixed 5 s
            byte[] content = TestFiles.randomBytes(3 * QuirkyFtpServer.SLOW_RATE);
            String down = TestFiles.uniqueName(".bin");
            Files.write(s.disk().resolve(down), content);
            Path local = Files.createTempDirectory("ferry-progress");
            template.send("ftplib:retrbinary?" + s.options() + "&path=" + down + "&localDir=" + local + "&progressInterval=1",
                    e -> e.getMessage().setHeader(Exchange.FILE_LENGTH, (long) content.length));
            assertArrayEquals(content, Files.readAllBytes(local.resolve(down)));
            assertFalse(TestLog.lines("retrbinary " + down + " on").isEmpty(), "no download progress line at 1 s");

            String up = TestFiles.uniqueName(".bin");
            // the source is slow, as a busy disk is (the socket's buffers would swallow a fast one at once)
            ProgressInputStream body = new ProgressInputStream(new SlowSource(content),
                    new TransferProgress("uploading " + up, content.length, 1));
            Exchange stored = send(s, "storbinary", "path=" + up, body);
            assertNull(stored.getException(), String.valueOf(stored.getException()));
            assertArrayEquals(content, Files.readAllBytes(s.disk().resolve(up)));
            assertFalse(TestLog.lines("uploading " + up).isEmpty(), "the upload's own progress lines");
            assertEquals(List.of(), TestLog.lines("storbinary " + up + " on"), "the upload reported a second time");
        }
    }

    /**
     * A 5xx final reply to an upload the server had accepted (150) tells of a transfer broken while the bytes moved
     * (MINA answers 551 "Error on output file" when stopped mid-transfer), not of a refused file: the step still
     * raises ftplib's error_perm, as {@link FtpTransferAbortedException}, and the workflows retry it (the fault suite
     * lost files to it when every 5xx failed the file).
     */
    @Test
    void should_report_a_5xx_after_150_as_a_broken_transfer_that_workflows_retry() throws Exception {
        try (QuirkyFtpServer server = server(Quirk.STOR_BREAKS_AFTER_150)) {
            FtpTarget s = server.target("breaks");
            String up = TestFiles.uniqueName(".bin");
            Exchange stored = send(s, "storbinary", "path=" + up + "&atomic=true", "some bytes".getBytes(StandardCharsets.UTF_8));
            Exception failure = stored.getException();
            assertInstanceOf(FtpTransferAbortedException.class, failure, String.valueOf(failure));
            assertEquals(551, ((FtpException) failure).getReplyCode(), failure.getMessage());
            assertFalse(ferry.routes.FaultKind.isPermanent(failure), "a broken transfer must be retried: " + failure);
            assertFalse(Files.exists(s.disk().resolve(up)), "nothing under the final name");
        }
    }

    /** Hands out at most 32 KiB every 150 ms: an upload source that takes about 2 s for 384 KiB. */
    private static final class SlowSource extends java.io.FilterInputStream {
        SlowSource(byte[] content) {
            super(new ByteArrayInputStream(content));
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            java.util.concurrent.locks.LockSupport.parkNanos(150_000_000L);
            return super.read(b, off, Math.min(len, 32 * 1024));
        }
    }
}
