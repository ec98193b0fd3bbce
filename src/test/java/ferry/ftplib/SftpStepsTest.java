package ferry.ftplib;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import ferry.support.SftpServer;
import ferry.support.TestFiles;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static ferry.ftplib.StepsSupport.failure;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ftplib steps over SFTP (protocol=sftp) against an SSH server (Apache MINA SSHD on 127.0.0.1), checked on
 * its disk: each operation, its failures as ftplib exceptions, and the host key check by known_hosts or by pin.
 */
class SftpStepsTest {

    private static final String USER = "courier";
    private static final String PASSWORD = "sftp-steps-pw";

    private static Path dir;
    private static SftpServer sftp;
    private static Path knownHosts;
    private static CamelContext context;
    private static ProducerTemplate template;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createDirectories(Path.of("target", "test-data", "sftp-steps-" + UUID.randomUUID()).toAbsolutePath());
        sftp = SftpServer.start(dir, USER, PASSWORD);
        knownHosts = sftp.knownHosts(dir.resolve("known_hosts"));
        context = new DefaultCamelContext();
        FtpLibComponent ftplib = new FtpLibComponent();
        // as the shipped configuration does with ftp.protocol=sftp and sftp.known-hosts
        ftplib.setProtocol("sftp");
        ftplib.setKnownHosts(knownHosts.toString());
        context.addComponent("ftplib", ftplib);
        context.addRoutes(StepsSupport.sessionRoute());
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterAll
    static void stop() throws Exception {
        context.stop();
        sftp.close();
    }

    private static String options() {
        return "host=127.0.0.1&port=" + sftp.port() + "&username=" + USER + "&password=RAW(" + PASSWORD + ")&timeout=5000";
    }

    private static Object step(String op, String path, Object body) {
        return template.requestBody("ftplib:" + op + "?" + options() + (path == null ? "" : "&path=" + path), body);
    }

    private static Object step(String op, String path, String more, Object body) {
        return template.requestBody("ftplib:" + op + "?" + options() + "&path=" + path + "&" + more, body);
    }

    private static String folder() {
        String name = "d-" + UUID.randomUUID().toString().substring(0, 8);
        step("mkd", name, null);
        return name;
    }

    private static Path disk(String path) {
        return sftp.root().resolve(path);
    }

    @Test
    void should_login_and_report_the_working_directory() {
        assertTrue(String.valueOf(step("login", null, null)).startsWith("logged in as courier (SFTP, SSH-2.0-"));
        assertEquals("/", step("pwd", null, null));
    }

    @Test
    void should_refuse_a_wrong_password_as_permanent_without_showing_it() {
        FtpException e = failure(() -> template.requestBody("ftplib:login?host=127.0.0.1&port=" + sftp.port()
                + "&username=" + USER + "&password=wrong-sftp-pw&timeout=5000", (Object) null));
        assertInstanceOf(FtpPermanentException.class, e);
        assertEquals("login", e.getOperation());
        assertTrue(e.getMessage().contains("login refused"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-sftp-pw"), e.getMessage());
    }

    @Test
    void should_share_one_session_so_cwd_applies_to_the_next_steps() throws Exception {
        String folder = folder();
        byte[] content = TestFiles.randomBytes(70_000);
        Files.write(disk(folder).resolve("inside.bin"), content);
        Path local = dir.resolve("local-" + UUID.randomUUID());
        Object pwd = template.requestBodyAndHeaders("direct:session", null,
                Map.of("options", options(), "dir", folder, "file", "inside.bin", "localDir", local.toString()));
        assertEquals("/" + folder, pwd);
        assertArrayEquals(content, Files.readAllBytes(local.resolve("inside.bin")));
    }

    @Test
    void should_fail_cwd_to_a_missing_folder_as_permanent_naming_path_server_and_status() {
        FtpException e = failure(() -> step("cwd", "no-such-folder", null));
        assertInstanceOf(FtpPermanentException.class, e);
        assertEquals(2, e.getReplyCode());
        assertEquals("no-such-folder", e.getPath());
        assertEquals("127.0.0.1:" + sftp.port(), e.getServer());
        assertTrue(e.getMessage().startsWith("cwd 'no-such-folder' failed on 127.0.0.1:" + sftp.port()
                + ": refused: 2 no such file"), e.getMessage());
    }

    @Test
    void should_make_and_remove_folders_and_refuse_to_remove_a_non_empty_one() throws Exception {
        String name = "m-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals("/" + name, step("mkd", name, null));
        assertTrue(Files.isDirectory(disk(name)));
        step("storbinary", name + "/keep.txt", "x");
        FtpException e = failure(() -> step("rmd", name, null));
        assertInstanceOf(FtpPermanentException.class, e);
        assertEquals("rmd", e.getOperation());
        step("delete", name + "/keep.txt", null);
        step("rmd", name, null);
        assertFalse(Files.exists(disk(name)));
    }

    @Test
    void should_store_bytes_files_streams_and_text_atomically_also_over_an_existing_name() throws Exception {
        String folder = folder();
        byte[] bytes = TestFiles.randomBytes(123_456);
        Path file = Files.write(dir.resolve("upload-" + UUID.randomUUID()), bytes);
        step("storbinary", folder + "/bytes.bin", bytes);
        step("storbinary", folder + "/file.bin", file.toFile());
        step("storbinary", folder + "/stream.bin", Files.newInputStream(file));
        step("storbinary", folder + "/text.txt", "first\n");
        step("storbinary", folder + "/text.txt", "héllo\n");
        assertArrayEquals(bytes, Files.readAllBytes(disk(folder + "/bytes.bin")));
        assertArrayEquals(bytes, Files.readAllBytes(disk(folder + "/file.bin")));
        assertArrayEquals(bytes, Files.readAllBytes(disk(folder + "/stream.bin")));
        assertEquals("héllo\n", Files.readString(disk(folder + "/text.txt")));
        try (Stream<Path> left = Files.list(disk(folder))) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().endsWith(".part")));
        }
    }

    @Test
    void should_leave_nothing_under_the_final_name_when_an_atomic_store_fails() {
        FtpException e = failure(() -> step("storbinary", "no-such-folder/x.bin", TestFiles.randomBytes(1000)));
        assertInstanceOf(FtpPermanentException.class, e);
        assertEquals("storbinary", e.getOperation());
        assertFalse(Files.exists(disk("no-such-folder/x.bin")));
    }

    @Test
    void should_store_and_read_text_lines() throws Exception {
        String folder = folder();
        step("storlines", folder + "/lines.txt", "one\ntwo\nthree\n");
        assertEquals("one\ntwo\nthree\n", Files.readString(disk(folder + "/lines.txt")));
        assertEquals(List.of("one", "two", "three"), step("retrlines", folder + "/lines.txt", null));
    }

    @Test
    void should_download_to_a_folder_or_a_stream_and_resume_at_an_offset() throws Exception {
        String folder = folder();
        byte[] content = TestFiles.randomBytes(500_000);
        Files.write(disk(folder).resolve("big.bin"), content);
        Path local = dir.resolve("local-" + UUID.randomUUID());

        Object file = step("retrbinary", folder + "/big.bin", "localDir=" + local, null);
        assertArrayEquals(content, Files.readAllBytes(local.resolve("big.bin")));
        assertEquals(local.resolve("big.bin").toFile(), file);
        try (Stream<Path> left = Files.list(local)) {
            assertEquals(List.of(local.resolve("big.bin")), left.toList(), "hidden part file left behind");
        }

        try (InputStream in = (InputStream) step("retrbinary", folder + "/big.bin", null)) {
            assertArrayEquals(content, in.readAllBytes());
        }

        Path resumed = Files.createDirectories(dir.resolve("resume-" + UUID.randomUUID()));
        Files.write(resumed.resolve("big.bin"), java.util.Arrays.copyOf(content, 200_000));
        step("retrbinary", folder + "/big.bin", "localDir=" + resumed + "&rest=200000", null);
        assertArrayEquals(content, Files.readAllBytes(resumed.resolve("big.bin")));
    }

    @Test
    void should_fail_retr_of_a_missing_file_as_permanent_with_no_partial_file() throws Exception {
        Path local = dir.resolve("local-" + UUID.randomUUID());
        FtpException e = failure(() -> step("retrbinary", "missing.bin", "localDir=" + local, null));
        assertInstanceOf(FtpPermanentException.class, e);
        assertEquals(2, e.getReplyCode());
        assertEquals("missing.bin", e.getPath());
        try (Stream<Path> left = Files.exists(local) ? Files.list(local) : Stream.empty()) {
            assertTrue(left.findAny().isEmpty(), "partial file left in " + local);
        }
    }

    @Test
    void should_list_names_and_parsed_entries() throws Exception {
        String folder = folder();
        Files.write(disk(folder).resolve("a.txt"), new byte[1234]);
        step("mkd", folder + "/sub", null);
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) step("nlst", folder, null);
        assertEquals(List.of("a.txt", "sub"), names.stream().sorted().toList());

        Exchange out = template.request("ftplib:dir?" + options() + "&path=" + folder, e -> { });
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

    @Test
    void should_rename_and_refuse_to_rename_a_missing_file() throws Exception {
        String folder = folder();
        step("storbinary", folder + "/old.txt", "content");
        template.requestBodyAndHeader("ftplib:rename?" + options() + "&path=" + folder + "/old.txt", null,
                FtpLibProducer.RENAME_TO, folder + "/new.txt");
        assertFalse(Files.exists(disk(folder + "/old.txt")));
        assertEquals("content", Files.readString(disk(folder + "/new.txt")));
        FtpException e = failure(() -> template.requestBody("ftplib:rename?" + options() + "&path=" + folder
                + "/nothing.txt&to=" + folder + "/x.txt", (Object) null));
        assertInstanceOf(FtpPermanentException.class, e);
        assertEquals(2, e.getReplyCode());
    }

    @Test
    void should_delete_exactly_the_named_file_even_with_pattern_characters() throws Exception {
        String folder = folder();
        Files.writeString(disk(folder).resolve("a*.txt"), "literal star");
        Files.writeString(disk(folder).resolve("abc.txt"), "must stay");
        step("delete", folder + "/a*.txt", null);
        assertFalse(Files.exists(disk(folder).resolve("a*.txt")));
        assertEquals("must stay", Files.readString(disk(folder).resolve("abc.txt")));
        FtpException e = failure(() -> step("delete", folder + "/a*.txt", null));
        assertInstanceOf(FtpPermanentException.class, e);
        assertEquals("delete", e.getOperation());
    }

    @Test
    void should_report_size_and_modification_time() throws Exception {
        String folder = folder();
        Path f = Files.write(disk(folder).resolve("sized.bin"), new byte[4321]);
        Instant when = Instant.parse("2024-02-03T04:05:06Z");
        Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.from(when));
        assertEquals(4321L, step("size", folder + "/sized.bin", null));
        assertEquals(when, step("mdtm", folder + "/sized.bin", null));
    }

    @Test
    void should_handle_utf8_file_names() throws Exception {
        String folder = folder();
        String fileName = "résumé-日本-" + UUID.randomUUID().toString().substring(0, 4) + ".txt";
        step("storbinary", folder + "/" + fileName, "unicode");
        assertEquals("unicode", Files.readString(disk(folder).resolve(fileName)));
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) step("nlst", folder, null);
        assertEquals(List.of(fileName), names);
    }

    @Test
    void should_connect_with_a_pinned_fingerprint_instead_of_known_hosts() {
        Object pwd = template.requestBody("ftplib:pwd?" + options() + "&knownHosts=&hostKeyFingerprint=RAW("
                + sftp.fingerprint() + ")", (Object) null);
        assertEquals("/", pwd);
    }

    @Test
    void should_refuse_a_server_whose_key_does_not_match_the_pin_naming_host_and_both_fingerprints() throws Exception {
        String wrong = sftp.anotherFingerprint();
        FtpException e = failure(() -> template.requestBody("ftplib:storbinary?" + options() + "&path=pinned.txt"
                + "&hostKeyFingerprint=RAW(" + wrong + ")", "must not arrive"));
        assertInstanceOf(FtpPermanentException.class, e);
        assertTrue(e.getMessage().contains("[127.0.0.1]:" + sftp.port()), e.getMessage());
        assertTrue(e.getMessage().contains(sftp.fingerprint()), e.getMessage());
        assertTrue(e.getMessage().contains(wrong), e.getMessage());
        assertTrue(e.getMessage().contains("sftp.host-key-fingerprint"), e.getMessage());
        assertFalse(Files.exists(disk("pinned.txt")));
    }

    @Test
    void should_refuse_a_server_whose_key_is_not_the_one_in_known_hosts() throws Exception {
        Path other = sftp.knownHostsWithAnotherKey(dir.resolve("other_known_hosts-" + UUID.randomUUID()));
        FtpException e = failure(() -> template.requestBody("ftplib:pwd?" + options() + "&knownHosts=" + other,
                (Object) null));
        assertInstanceOf(FtpPermanentException.class, e);
        assertTrue(e.getMessage().contains("[127.0.0.1]:" + sftp.port()), e.getMessage());
        assertTrue(e.getMessage().contains("presented the host key " + sftp.fingerprint()), e.getMessage());
        assertTrue(e.getMessage().contains("sftp.known-hosts " + other), e.getMessage());
    }

    @Test
    void should_refuse_ftp_only_settings_over_sftp_naming_them() {
        CamelExecutionException active = assertThrows(CamelExecutionException.class,
                () -> step("retrbinary", "x.bin", "passive=false", null));
        assertTrue(active.getCause().getMessage().contains("active mode (passive=false) does not exist over protocol sftp"),
                active.getCause().getMessage());
        CamelExecutionException tls = assertThrows(CamelExecutionException.class,
                () -> template.requestBody("ftplib:pwd?" + options() + "&security=explicit", (Object) null));
        assertTrue(tls.getCause().getMessage().contains("security = 'explicit' (FTPS) does not exist over protocol sftp"),
                tls.getCause().getMessage());
    }

    @Test
    void should_raise_connection_errors_when_nothing_listens_or_the_peer_is_not_ssh() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        FtpException refused = failure(() -> template.requestBody("ftplib:pwd?host=127.0.0.1&port=" + closedPort,
                (Object) null));
        assertInstanceOf(FtpConnectionException.class, refused);
        assertTrue(refused.getMessage().contains("connection refused"), refused.getMessage());

        try (ServerSocket ftp = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> greet(ftp, "220 an FTP server, not SSH\r\n"));
            t.setDaemon(true);
            t.start();
            FtpException e = failure(() -> template.requestBody("ftplib:pwd?timeout=2000&host=127.0.0.1&port="
                    + ftp.getLocalPort(), (Object) null));
            // JSch waits for an SSH version line (servers may send other lines first) until the timeout
            assertInstanceOf(FtpConnectionException.class, e);
            assertTrue(e.getMessage().startsWith("connect failed on 127.0.0.1:" + ftp.getLocalPort() + ": timed out"),
                    e.getMessage());
        }
    }

    @Test
    void should_raise_a_connection_error_when_the_server_goes_away_mid_transfer() throws Exception {
        Path own = Files.createDirectories(dir.resolve("lost-" + UUID.randomUUID()));
        SftpServer dying = SftpServer.start(own, USER, PASSWORD);
        Path hosts = dying.knownHosts(own.resolve("known_hosts"));
        byte[] content = TestFiles.randomBytes(4 * 1024 * 1024);
        // the upload's source stops the server once the first blocks have gone out
        InputStream source = new java.io.ByteArrayInputStream(content) {
            private int reads;

            @Override
            public synchronized int read(byte[] b, int off, int len) {
                if (++reads == 3) {
                    try {
                        dying.close();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                return super.read(b, off, Math.min(len, 64 * 1024));
            }
        };
        FtpException e = failure(() -> template.requestBody("ftplib:storbinary?host=127.0.0.1&port=" + dying.port()
                + "&username=" + USER + "&password=RAW(" + PASSWORD + ")&timeout=5000&path=lost.bin&knownHosts=" + hosts,
                source));
        assertInstanceOf(FtpConnectionException.class, e);
        assertEquals("storbinary", e.getOperation());
        assertFalse(Files.exists(dying.root().resolve("lost.bin")), "a partial upload under the final name");
    }

    /**
     * A server that answers STAT with a plain failure (status 4) for every path: ifExists=fail then looks by listing,
     * so an existing file is not overwritten (it was taken as missing) and a new one is stored.
     */
    @Test
    void should_not_overwrite_with_if_exists_fail_on_a_server_that_refuses_stat() throws Exception {
        Path own = Files.createDirectories(dir.resolve("no-stat-" + UUID.randomUUID()));
        try (SftpServer noStat = SftpServer.startWithoutStat(own, USER, PASSWORD)) {
            Path hosts = noStat.knownHosts(own.resolve("known_hosts"));
            Files.createDirectories(noStat.root().resolve("in"));
            Files.writeString(noStat.root().resolve("in/taken.txt"), "first");
            String options = "host=127.0.0.1&port=" + noStat.port() + "&username=" + USER + "&password=RAW(" + PASSWORD
                    + ")&timeout=5000&knownHosts=" + hosts + "&ifExists=fail&atomic=true";
            FtpException refused = failure(() -> template.requestBody("ftplib:storbinary?" + options + "&path=in/taken.txt",
                    "second".getBytes(StandardCharsets.UTF_8)));
            assertInstanceOf(FtpTemporaryException.class, refused, refused.getMessage());
            assertEquals("first", Files.readString(noStat.root().resolve("in/taken.txt")));

            template.requestBody("ftplib:storbinary?" + options + "&path=in/free.txt", "new".getBytes(StandardCharsets.UTF_8));
            assertEquals("new", Files.readString(noStat.root().resolve("in/free.txt")));
        }
    }

    private static void greet(ServerSocket server, String greeting) {
        try (Socket s = server.accept()) {
            s.getOutputStream().write(greeting.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            s.getInputStream().readAllBytes();
        } catch (IOException e) {
            // the client hung up: this server's work is done
        }
    }
}
