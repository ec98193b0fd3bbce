package ferry.ftplib;

import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import ferry.embedded.EmbeddedFtpServer;
import ferry.support.FtpTarget;
import ferry.support.TestCertificate;
import ferry.support.TestFiles;
import ferry.support.Vsftpd;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.ftpserver.impl.DefaultFtpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.TestAbortedException;

import static ferry.ftplib.StepsSupport.failure;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every ftplib step and error kind, against the embedded MINA FtpServer and against vsftpd, checked on their disks. */
class FtpStepsTest {

    private static EmbeddedFtpServer mina;
    private static Vsftpd vsftpd;
    private static Vsftpd vsftpdTls;
    private static String vsftpdMissing;
    private static CamelContext context;
    private static ProducerTemplate template;

    @BeforeAll
    static void start() throws Exception {
        Path data = Path.of("target", "test-data", "steps-" + UUID.randomUUID()).toAbsolutePath();
        mina = new EmbeddedFtpServer(data, "steps", "steps-pw", 0, "0");
        mina.start();
        TestCertificate cert = null;
        try {
            vsftpd = Vsftpd.start();
            // only the FTPS server needs a certificate (openssl): without one the MINA tests still run
            cert = TestCertificate.create(data.resolve("tls"));
            // explicit FTPS with require_ssl_reuse=YES: every step's data connection must resume the TLS session
            vsftpdTls = Vsftpd.startTls(cert, false);
        } catch (TestAbortedException e) {
            vsftpdMissing = e.getMessage();
        }
        context = new DefaultCamelContext();
        FtpLibComponent ftplib = new FtpLibComponent();
        if (cert != null) {
            ftplib.setTrustStore(cert.trustStore().toString());
            ftplib.setTrustStorePassword(cert.password());
        }
        context.addComponent("ftplib", ftplib);
        context.addRoutes(StepsSupport.sessionRoute());
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterAll
    static void stop() throws Exception {
        context.stop();
        mina.stop();
        if (vsftpd != null) {
            vsftpd.close();
        }
        if (vsftpdTls != null) {
            vsftpdTls.close();
        }
    }

    static Stream<String> servers() {
        return Stream.of("mina", "vsftpd", "vsftpd-ftps");
    }

    private static FtpTarget server(String name) {
        if ("mina".equals(name)) {
            return new FtpTarget("mina", mina.getPort(), "steps", "steps-pw", mina.getRoot(), "/");
        }
        if (vsftpd == null || vsftpdTls == null) {
            Assumptions.abort(vsftpdMissing);
        }
        if ("vsftpd-ftps".equals(name)) {
            return new FtpTarget(name, vsftpdTls.port(), Vsftpd.USER, Vsftpd.PASSWORD, vsftpdTls.root(),
                    vsftpdTls.root().toString(), "explicit");
        }
        return new FtpTarget("vsftpd", vsftpd.port(), Vsftpd.USER, Vsftpd.PASSWORD, vsftpd.root(), vsftpd.root().toString());
    }

    private static Object step(FtpTarget s, String op, String path, Object body) {
        String uri = "ftplib:" + op + "?" + s.options() + (path == null ? "" : "&path=" + path);
        return template.requestBody(uri, body);
    }

    private static Object step(FtpTarget s, String op, String path, String options, Object body) {
        return template.requestBody("ftplib:" + op + "?" + s.options() + "&path=" + path + "&" + options, body);
    }

    /** The server refused: the exception's kind follows the reply code's class (4xx temporary, 5xx permanent). */
    private static void assertRefused(FtpException e, int... codes) {
        assertTrue(java.util.Arrays.stream(codes).anyMatch(c -> c == e.getReplyCode()), e.getMessage());
        Class<? extends FtpException> kind = e.getReplyCode() >= 500 ? FtpPermanentException.class : FtpTemporaryException.class;
        assertTrue(kind.isInstance(e), "expected " + kind.getSimpleName() + ": " + e);
    }

    /** A fresh folder on the server, created through the server so its account owns it. */
    private static String folder(FtpTarget s) {
        String dir = "d-" + UUID.randomUUID().toString().substring(0, 8);
        step(s, "mkd", dir, null);
        return dir;
    }

    private static Path disk(FtpTarget s, String path) {
        return s.disk().resolve(path);
    }

    @ParameterizedTest
    @MethodSource("servers")
    void should_login_and_report_the_working_directory(String name) {
        FtpTarget s = server(name);
        assertTrue(String.valueOf(step(s, "login", null, null)).startsWith("230"));
        assertEquals(s.home(), step(s, "pwd", null, null));
    }

    @ParameterizedTest
    @MethodSource("servers")
    void should_refuse_a_wrong_password_as_permanent(String name) {
        FtpTarget s = server(name);
        FtpException e = failure(() -> template.requestBody("ftplib:login?host=127.0.0.1&port=" + s.port()
                + "&username=" + s.user() + "&password=wrong-pw&security=" + s.security(), (Object) null));
        assertInstanceOf(FtpPermanentException.class, e);
        assertEquals(530, e.getReplyCode());
        assertEquals("login", e.getOperation());
        assertFalse(e.getMessage().contains("wrong-pw"));
    }

    @ParameterizedTest
    @MethodSource("servers")
    void should_share_one_session_so_cwd_applies_to_the_next_steps(String name) throws Exception {
        FtpTarget s = server(name);
        String dir = folder(s);
        byte[] content = TestFiles.randomBytes(70_000);
        Files.write(disk(s, dir).resolve("inside.bin"), content);
        Path local = Path.of("target", "test-data", "local-" + UUID.randomUUID());
        Object pwd = template.requestBodyAndHeaders("direct:session", null,
                Map.of("options", s.options(), "dir", dir, "file", "inside.bin", "localDir", local.toString()));
        assertTrue(String.valueOf(pwd).endsWith("/" + dir), String.valueOf(pwd));
        assertArrayEquals(content, Files.readAllBytes(local.resolve("inside.bin")));
    }

    @ParameterizedTest
    @MethodSource("servers")
    void should_fail_cwd_to_a_missing_folder_with_550(String name) {
        FtpTarget s = server(name);
        FtpException e = failure(() -> step(s, "cwd", "no-such-folder", null));
        assertInstanceOf(FtpPermanentException.class, e);
        assertEquals(550, e.getReplyCode());
        assertEquals("no-such-folder", e.getPath());
        assertTrue(e.getMessage().startsWith("cwd 'no-such-folder' failed on 127.0.0.1:" + s.port()), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("servers")
    void should_make_and_remove_folders_and_refuse_to_remove_a_non_empty_one(String name) throws Exception {
        FtpTarget s = server(name);
        String dir = "m-" + UUID.randomUUID().toString().substring(0, 8);
        String made = String.valueOf(step(s, "mkd", dir, null));
        assertTrue(made.endsWith(dir), made);
        assertTrue(Files.isDirectory(disk(s, dir)));
        step(s, "storbinary", dir + "/keep.txt", "x");
        assertRefused(failure(() -> step(s, "rmd", dir, null)), 450, 550);
        step(s, "delete", dir + "/keep.txt", null);
        step(s, "rmd", dir, null);
        assertFalse(Files.exists(disk(s, dir)));
    }

    @ParameterizedTest
    @MethodSource("servers")
    void should_store_bytes_files_streams_and_text_atomically(String name) throws Exception {
        FtpTarget s = server(name);
        String dir = folder(s);
        byte[] bytes = TestFiles.randomBytes(123_456);
        Path file = Files.write(Files.createTempFile("ferry", ".bin"), bytes);
        step(s, "storbinary", dir + "/bytes.bin", bytes);
        step(s, "storbinary", dir + "/file.bin", file.toFile());
        step(s, "storbinary", dir + "/stream.bin", Files.newInputStream(file));
        step(s, "storbinary", dir + "/text.txt", "héllo\n");
        assertArrayEquals(bytes, Files.readAllBytes(disk(s, dir + "/bytes.bin")));
        assertArrayEquals(bytes, Files.readAllBytes(disk(s, dir + "/file.bin")));
        assertArrayEquals(bytes, Files.readAllBytes(disk(s, dir + "/stream.bin")));
        assertEquals("héllo\n", Files.readString(disk(s, dir + "/text.txt")));
        try (Stream<Path> left = Files.list(disk(s, dir))) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().endsWith(".part")));
        }
    }

    @ParameterizedTest
    @MethodSource("servers")
    void should_leave_nothing_under_the_final_name_when_an_atomic_store_fails(String name) {
        FtpTarget s = server(name);
        FtpException e = failure(() -> step(s, "storbinary", "no-such-folder/x.bin", TestFiles.randomBytes(1000)));
        assertInstanceOf(FtpPermanentException.class, e);
        assertEquals("storbinary", e.getOperation());
        assertFalse(Files.exists(disk(s, "no-such-folder/x.bin")));
    }

    @ParameterizedTest
    @MethodSource("servers")
    void should_store_and_read_text_lines(String name) throws Exception {
        FtpTarget s = server(name);
        String dir = folder(s);
        step(s, "storlines", dir + "/lines.txt", "one\ntwo\nthree\n");
        // ASCII mode sends CRLF on the wire; vsftpd stores it as sent unless ascii_upload_enable is set
        assertEquals("one\ntwo\nthree\n", Files.readString(disk(s, dir + "/lines.txt")).replace("\r\n", "\n"));
        assertEquals(List.of("one", "two", "three"), step(s, "retrlines", dir + "/lines.txt", null));
    }

    @ParameterizedTest
    @MethodSource("servers")
    void should_download_to_a_folder_or_a_stream_and_resume_at_an_offset(String name) throws Exception {
        FtpTarget s = server(name);
        String dir = folder(s);
        byte[] content = TestFiles.randomBytes(500_000);
        Files.write(disk(s, dir).resolve("big.bin"), content);
        Path local = Path.of("target", "test-data", "local-" + UUID.randomUUID());

        Object file = step(s, "retrbinary", dir + "/big.bin", "localDir=" + local, null);
        assertArrayEquals(content, Files.readAllBytes(local.resolve("big.bin")));
        assertEquals(local.resolve("big.bin").toFile().getAbsoluteFile(), ((java.io.File) file).getAbsoluteFile());

        try (InputStream in = (InputStream) step(s, "retrbinary", dir + "/big.bin", null)) {
            assertArrayEquals(content, in.readAllBytes());
        }

        // a first part already here: rest continues from its end
        Path resumed = Path.of("target", "test-data", "resume-" + UUID.randomUUID());
        Files.createDirectories(resumed);
        Files.write(resumed.resolve("big.bin"), java.util.Arrays.copyOf(content, 200_000));
        step(s, "retrbinary", dir + "/big.bin", "localDir=" + resumed + "&rest=200000", null);
        assertArrayEquals(content, Files.readAllBytes(resumed.resolve("big.bin")));
    }

    @ParameterizedTest
    @MethodSource("servers")
    void should_keep_a_download_listed_small_in_memory_and_write_one_that_sends_more_to_the_folder(String name) throws Exception {
        FtpTarget s = server(name);
        String dir = folder(s);
        byte[] small = TestFiles.randomBytes(50_000);
        byte[] grown = TestFiles.randomBytes(150_000);
        Files.write(disk(s, dir).resolve("small.bin"), small);
        Files.write(disk(s, dir).resolve("grown.bin"), grown);
        Path local = Path.of("target", "test-data", "local-" + UUID.randomUUID());
        String options = "localDir=" + local + "&inMemoryUpTo=100000";

        // listed (CamelFileLength) within the limit: the body is the bytes, nothing is written locally
        org.apache.camel.Exchange kept = template.request("ftplib:retrbinary?" + s.options() + "&path=" + dir + "/small.bin&"
                + options, e -> e.getMessage().setHeader(org.apache.camel.Exchange.FILE_LENGTH, (long) small.length));
        assertFalse(kept.isFailed(), String.valueOf(kept.getException()));
        assertArrayEquals(small, kept.getMessage().getBody(byte[].class));
        assertEquals(small.length, kept.getMessage().getHeader(org.apache.camel.Exchange.FILE_LENGTH, Long.class));
        assertFalse(Files.exists(local.resolve("small.bin")));

        // listed small but sending more than the limit: the whole file goes to the folder after all
        org.apache.camel.Exchange spilled = template.request("ftplib:retrbinary?" + s.options() + "&path=" + dir + "/grown.bin&"
                + options, e -> e.getMessage().setHeader(org.apache.camel.Exchange.FILE_LENGTH, (long) small.length));
        assertFalse(spilled.isFailed(), String.valueOf(spilled.getException()));
        assertEquals(local.resolve("grown.bin").toFile().getAbsoluteFile(),
                spilled.getMessage().getBody(java.io.File.class).getAbsoluteFile());
        assertArrayEquals(grown, Files.readAllBytes(local.resolve("grown.bin")));
        assertEquals(grown.length, spilled.getMessage().getHeader(org.apache.camel.Exchange.FILE_LENGTH, Long.class));
        try (Stream<Path> left = Files.list(local)) {
            assertEquals(List.of("grown.bin"), left.map(p -> p.getFileName().toString()).toList(), "no part file left");
        }
    }

    @ParameterizedTest
    @MethodSource("servers")
    void should_fail_retr_of_a_missing_file_with_550_and_no_partial_file(String name) throws Exception {
        FtpTarget s = server(name);
        Path local = Path.of("target", "test-data", "local-" + UUID.randomUUID());
        FtpException e = failure(() -> step(s, "retrbinary", "missing.bin", "localDir=" + local, null));
        assertInstanceOf(FtpPermanentException.class, e);
        assertEquals(550, e.getReplyCode());
        try (Stream<Path> left = Files.exists(local) ? Files.list(local) : Stream.empty()) {
            assertTrue(left.findAny().isEmpty(), "partial file left in " + local);
        }
    }

    @ParameterizedTest
    @MethodSource("servers")
    void should_list_names_and_parsed_entries(String name) throws Exception {
        FtpTarget s = server(name);
        String dir = folder(s);
        Files.write(disk(s, dir).resolve("a.txt"), new byte[1234]);
        step(s, "mkd", dir + "/sub", null);
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) step(s, "nlst", dir, null);
        assertEquals(List.of("a.txt", "sub"), names.stream().map(n -> n.substring(n.lastIndexOf('/') + 1)).sorted().toList());

        org.apache.camel.Exchange out = template.request("ftplib:dir?" + s.options() + "&path=" + dir, e -> { });
        @SuppressWarnings("unchecked")
        List<String> lines = out.getMessage().getBody(List.class);
        assertEquals(2, lines.size());
        assertTrue(lines.stream().anyMatch(l -> l.endsWith("a.txt") && l.contains("1234")), lines.toString());
        @SuppressWarnings("unchecked")
        List<FtpEntry> entries = out.getMessage().getHeader(FtpLibProducer.ENTRIES, List.class);
        FtpEntry a = entries.stream().filter(x -> x.getName().equals("a.txt")).findFirst().orElseThrow();
        assertEquals(1234, a.getSize());
        assertEquals("file", a.getType());
        assertEquals("dir", entries.stream().filter(x -> x.getName().equals("sub")).findFirst().orElseThrow().getType());
    }

    @ParameterizedTest
    @MethodSource("servers")
    void should_rename_also_over_an_existing_name(String name) throws Exception {
        FtpTarget s = server(name);
        String dir = folder(s);
        step(s, "storbinary", dir + "/old.txt", "new content");
        step(s, "storbinary", dir + "/taken.txt", "old content");
        Runnable over = () -> template.requestBodyAndHeader("ftplib:rename?" + s.options() + "&path=" + dir + "/old.txt",
                null, FtpLibProducer.RENAME_TO, dir + "/taken.txt");
        if ("mina".equals(name)) {
            // MINA refuses to rename onto an existing file; nothing changes on its disk
            assertRefused(failure(over), 553);
            assertEquals("new content", Files.readString(disk(s, dir + "/old.txt")));
            assertEquals("old content", Files.readString(disk(s, dir + "/taken.txt")));
        } else {
            // vsftpd replaces it, as rename(2) does
            over.run();
            assertFalse(Files.exists(disk(s, dir + "/old.txt")));
            assertEquals("new content", Files.readString(disk(s, dir + "/taken.txt")));
        }
        FtpException e = failure(() -> template.requestBody("ftplib:rename?" + s.options() + "&path=" + dir
                + "/nothing.txt&to=" + dir + "/x.txt", (Object) null));
        assertInstanceOf(FtpPermanentException.class, e);
    }

    @ParameterizedTest
    @MethodSource("servers")
    void should_delete_and_refuse_to_delete_a_missing_file(String name) throws Exception {
        FtpTarget s = server(name);
        String dir = folder(s);
        step(s, "storbinary", dir + "/gone.txt", "bye");
        step(s, "delete", dir + "/gone.txt", null);
        assertFalse(Files.exists(disk(s, dir + "/gone.txt")));
        assertRefused(failure(() -> step(s, "delete", dir + "/gone.txt", null)), 450, 550);
    }

    @ParameterizedTest
    @MethodSource("servers")
    void should_report_size_and_modification_time(String name) throws Exception {
        FtpTarget s = server(name);
        String dir = folder(s);
        Path f = Files.write(disk(s, dir).resolve("sized.bin"), new byte[4321]);
        Instant when = Instant.parse("2024-02-03T04:05:06Z");
        Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.from(when));
        assertEquals(4321L, step(s, "size", dir + "/sized.bin", null));
        assertEquals(when, step(s, "mdtm", dir + "/sized.bin", null));
    }

    @ParameterizedTest
    @MethodSource("servers")
    void should_handle_utf8_file_names(String name) throws Exception {
        FtpTarget s = server(name);
        String dir = folder(s);
        String fileName = "résumé-日本-" + UUID.randomUUID().toString().substring(0, 4) + ".txt";
        step(s, "storbinary", dir + "/" + fileName, "unicode");
        assertEquals("unicode", Files.readString(disk(s, dir).resolve(fileName)));
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) step(s, "nlst", dir, null);
        assertTrue(names.stream().anyMatch(n -> n.endsWith(fileName)), names.toString());
    }

    @ParameterizedTest
    @MethodSource("servers")
    void should_work_in_active_mode(String name) throws Exception {
        FtpTarget s = server(name);
        String dir = folder(s);
        byte[] content = TestFiles.randomBytes(100_000);
        step(s, "storbinary", dir + "/active.bin", "passive=false", content);
        assertArrayEquals(content, Files.readAllBytes(disk(s, dir + "/active.bin")));
        try (InputStream in = (InputStream) step(s, "retrbinary", dir + "/active.bin", "passive=false", null)) {
            assertArrayEquals(content, in.readAllBytes());
        }
    }

    @Test
    void should_reuse_the_login_for_the_next_exchange_and_log_out_when_stopped() throws Exception {
        FtpTarget s = server("mina");
        var stats = ((DefaultFtpServer) mina.server()).getServerContext().getFtpStatistics();
        try (CamelContext own = contextWithPool(8)) {
            int loginsBefore = stats.getTotalLoginNumber();
            int openBefore = stats.getCurrentLoginNumber();
            ProducerTemplate producer = own.createProducerTemplate();
            producer.requestBody("ftplib:pwd?" + s.options(), (Object) null);
            producer.requestBody("ftplib:pwd?" + s.options(), (Object) null);
            assertEquals(1, stats.getTotalLoginNumber() - loginsBefore, "two exchanges, one login");
            assertEquals(openBefore + 1, stats.getCurrentLoginNumber(), "the session is kept for the next exchange");
            own.stop();
            await().atMost(Duration.ofSeconds(5)).until(() -> stats.getCurrentLoginNumber() == openBefore);
        }
    }

    @Test
    void should_close_the_session_when_the_exchange_ends_and_sessions_are_not_kept() throws Exception {
        FtpTarget s = server("mina");
        var stats = ((DefaultFtpServer) mina.server()).getServerContext().getFtpStatistics();
        try (CamelContext own = contextWithPool(0)) {
            int openBefore = stats.getCurrentLoginNumber();
            own.createProducerTemplate().requestBody("ftplib:pwd?" + s.options(), (Object) null);
            await().atMost(Duration.ofSeconds(5)).until(() -> stats.getCurrentLoginNumber() == openBefore);
        }
    }

    @Test
    void should_log_out_a_kept_session_idle_past_the_pool_timeout_without_another_exchange() throws Exception {
        FtpTarget s = server("mina");
        var stats = ((DefaultFtpServer) mina.server()).getServerContext().getFtpStatistics();
        try (CamelContext own = contextWithPool(8, 1000)) {
            int openBefore = stats.getCurrentLoginNumber();
            own.createProducerTemplate().requestBody("ftplib:pwd?" + s.options(), (Object) null);
            assertEquals(openBefore + 1, stats.getCurrentLoginNumber(), "the session is kept for the next exchange");
            // nothing else happens: the pool's background eviction logs the idle session out
            await().atMost(Duration.ofSeconds(10)).until(() -> stats.getCurrentLoginNumber() == openBefore);
        }
    }

    @Test
    void should_undo_a_cwd_before_the_session_serves_the_next_exchange() throws Exception {
        FtpTarget s = server("mina");
        String dir = folder(s);
        try (CamelContext own = contextWithPool(1)) {
            ProducerTemplate producer = own.createProducerTemplate();
            String home = (String) producer.requestBody("ftplib:pwd?" + s.options(), (Object) null);
            producer.requestBody("ftplib:cwd?" + s.options() + "&path=" + dir, (Object) null);
            assertEquals(home, producer.requestBody("ftplib:pwd?" + s.options(), (Object) null));
        }
    }

    private static CamelContext contextWithPool(int poolSize) throws Exception {
        return contextWithPool(poolSize, 60000);
    }

    private static CamelContext contextWithPool(int poolSize, long idleTimeoutMillis) throws Exception {
        CamelContext own = new DefaultCamelContext();
        FtpLibComponent ftplib = new FtpLibComponent();
        ftplib.setPoolSize(poolSize);
        ftplib.setPoolIdleTimeout(idleTimeoutMillis);
        own.addComponent("ftplib", ftplib);
        own.start();
        return own;
    }

    @Test
    void should_raise_a_temporary_error_for_a_4xx_reply() throws Exception {
        // the server allows one login; a second one is told to come back later (421)
        EmbeddedFtpServer busy = new EmbeddedFtpServer(Path.of("target", "test-data", "busy-" + UUID.randomUUID()),
                "busy", "busy-pw", 0, "0", 1);
        busy.start();
        org.apache.commons.net.ftp.FTPClient holder = new org.apache.commons.net.ftp.FTPClient();
        try {
            FtpTarget s = new FtpTarget("busy", busy.getPort(), "busy", "busy-pw", busy.getRoot(), "/");
            holder.connect("127.0.0.1", s.port());
            assertTrue(holder.login("busy", "busy-pw"));
            FtpException e = failure(() -> step(s, "pwd", null, null));
            assertInstanceOf(FtpTemporaryException.class, e);
            assertEquals(421, e.getReplyCode());
        } finally {
            holder.disconnect();
            busy.stop();
        }
    }

    @Test
    void should_raise_a_connection_error_when_nothing_listens_or_the_server_is_silent() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        FtpException refused = failure(() -> template.requestBody("ftplib:pwd?host=127.0.0.1&port=" + closedPort, (Object) null));
        assertInstanceOf(FtpConnectionException.class, refused);
        assertTrue(refused.getMessage().contains("connection refused"), refused.getMessage());

        try (ServerSocket silent = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            FtpException timeout = failure(() -> template.requestBody("ftplib:pwd?host=127.0.0.1&timeout=500&port="
                    + silent.getLocalPort(), (Object) null));
            assertInstanceOf(FtpConnectionException.class, timeout);
            assertTrue(timeout.getMessage().contains("timed out"), timeout.getMessage());
        }
    }

    @Test
    void should_raise_protocol_and_unexpected_reply_errors_for_a_server_outside_the_protocol() throws Exception {
        try (ServerSocket rogue = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> answer(rogue, "hello, I am not an FTP server\r\n"));
            t.setDaemon(true);
            t.start();
            FtpException e = failure(() -> template.requestBody("ftplib:pwd?timeout=2000&host=127.0.0.1&port="
                    + rogue.getLocalPort(), (Object) null));
            assertInstanceOf(FtpProtocolException.class, e);
        }
        try (ServerSocket odd = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            // a well-formed greeting, then 350 ("pending") to everything: valid FTP, unexpected here
            Thread t = new Thread(() -> answer(odd, "220 hi\r\n", "350 pending\r\n"));
            t.setDaemon(true);
            t.start();
            FtpException e = failure(() -> template.requestBody("ftplib:pwd?timeout=2000&host=127.0.0.1&port="
                    + odd.getLocalPort(), (Object) null));
            assertInstanceOf(FtpReplyException.class, e);
            assertEquals(350, e.getReplyCode());
        }
    }

    @Test
    void should_run_steps_from_a_yaml_route() throws Exception {
        FtpTarget s = server("mina");
        String dir = folder(s);
        Files.writeString(disk(s, dir).resolve("from-yaml.txt"), "yaml works");
        String yaml = """
                - route:
                    id: yaml-steps
                    from:
                      uri: direct:yaml
                      steps:
                        - to:
                            uri: ftplib:cwd
                            parameters:
                              host: 127.0.0.1
                              port: %d
                              username: steps
                              password: steps-pw
                              path: %s
                        - setHeader:
                            name: FerryFtpPath
                            simple: "${header.wanted}"
                        - to:
                            uri: ftplib:retrlines
                            parameters:
                              host: 127.0.0.1
                              port: %d
                              username: steps
                              password: steps-pw
                """.formatted(s.port(), dir, s.port());
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("steps.camel.yaml", yaml));
        assertEquals(List.of("yaml works"), template.requestBodyAndHeader("direct:yaml", null, "wanted", "from-yaml.txt"));
    }

    private static void answer(ServerSocket server, String greeting, String... replies) {
        try (Socket s = server.accept()) {
            s.getOutputStream().write(greeting.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                    StandardCharsets.US_ASCII));
            while (in.readLine() != null) {
                String reply = replies.length == 0 ? greeting : replies[0];
                s.getOutputStream().write(reply.getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
            }
        } catch (java.io.IOException e) {
            // the client hung up: this rogue server's work is done
        }
    }
}
