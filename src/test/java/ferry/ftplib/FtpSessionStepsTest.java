package ferry.ftplib;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import ferry.embedded.EmbeddedFtpServer;
import ferry.support.FtpTarget;
import ferry.support.QuirkyFtpServer;
import ferry.support.TestFiles;
import ferry.support.Vsftpd;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.TestAbortedException;

import static ferry.ftplib.StepsSupport.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One exchange, one session, as one {@code ftplib.FTP} object: a refusal keeps it (and its cwd), {@code login} opens
 * the one later steps use, each step reports its own final reply; a broken connection fails what relied on its cwd.
 */
class FtpSessionStepsTest {

    private static EmbeddedFtpServer mina;
    private static QuirkyFtpServer dropping;
    private static Vsftpd vsftpd;
    private static String vsftpdMissing;
    private static CamelContext context;
    private static ProducerTemplate template;

    @BeforeAll
    static void start() throws Exception {
        Path data = Path.of("target", "test-data", "sessions-" + UUID.randomUUID()).toAbsolutePath();
        mina = new EmbeddedFtpServer(data, "steps", "steps-pw", 0, "0");
        mina.start();
        dropping = QuirkyFtpServer.start(data.resolve("dropping"), "drop-pw");
        try {
            vsftpd = Vsftpd.start();
        } catch (TestAbortedException e) {
            vsftpdMissing = e.getMessage();
        }
        context = new DefaultCamelContext();
        FtpLibComponent ftplib = new FtpLibComponent();
        // the component's defaults name the read-write user, as ftp.username does in Ferry's configuration
        ftplib.getConfiguration().setPort(mina.getPort());
        ftplib.getConfiguration().setUsername("steps");
        ftplib.getConfiguration().setPassword("steps-pw");
        context.addComponent("ftplib", ftplib);
        context.addRoutes(routes());
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterAll
    static void stop() throws Exception {
        context.stop();
        mina.stop();
        dropping.close();
        if (vsftpd != null) {
            vsftpd.close();
        }
    }

    private static RouteBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // cwd, a refused (or broken) download caught, then an upload to a path of the header 'after'
                from("direct:afterFailure")
                        .toD("ftplib:cwd?path=${header.dir}&${header.options}")
                        .doTry()
                            .toD("ftplib:retrbinary?path=${header.missing}&localDir=${header.localDir}&${header.options}")
                        .doCatch(FtpException.class)
                            .setProperty("caught", simple("${exception}"))
                        .end()
                        .setBody(header("content"))
                        .toD("ftplib:storbinary?path=${header.after}&${header.options}");
                // the README's anonymous example: login names the user, later steps name none
                from("direct:anonymous")
                        .to("ftplib:login?username=anonymous&password=guest@example.org")
                        .to("ftplib:cwd?path=pub")
                        .toD("ftplib:retrbinary?path=sample.txt&localDir=${header.localDir}");
                // every step's own reply, kept in properties
                from("direct:replies")
                        .toD("ftplib:login?${header.options}").setProperty("login", header(FtpLibProducer.REPLY_CODE))
                        .setBody(constant("first line\nsecond line\n"))
                        .toD("ftplib:storlines?path=${header.file}&${header.options}")
                        .setProperty("storlines", header(FtpLibProducer.REPLY_CODE))
                        .toD("ftplib:retrlines?path=${header.file}&${header.options}")
                        .setProperty("retrlines", header(FtpLibProducer.REPLY_CODE))
                        .setProperty("lines", body())
                        .toD("ftplib:quit?${header.options}")
                        .setProperty("quit", header(FtpLibProducer.REPLY_CODE))
                        .setProperty("quitText", header(FtpLibProducer.REPLY_TEXT));
            }
        };
    }

    static Stream<String> servers() {
        return Stream.of("mina", "vsftpd");
    }

    private static FtpTarget server(String name) {
        if ("mina".equals(name)) {
            return new FtpTarget("mina", mina.getPort(), "steps", "steps-pw", mina.getRoot(), "/");
        }
        if (vsftpd == null) {
            Assumptions.abort(vsftpdMissing);
        }
        return new FtpTarget("vsftpd", vsftpd.port(), Vsftpd.USER, Vsftpd.PASSWORD, vsftpd.root(), vsftpd.root().toString());
    }

    /** Issue 13, point 1: after a caught 550 on retrbinary the cwd still holds: the next relative upload lands there. */
    @ParameterizedTest
    @MethodSource("servers")
    void should_keep_the_session_and_its_cwd_after_a_refused_transfer(String name) throws Exception {
        FtpTarget s = server(name);
        String dir = "kept-" + UUID.randomUUID();
        // writable for vsftpd's account too (the test runs as root)
        Files.createDirectories(s.disk().resolve(dir), java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(s.disk().resolve(dir), java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        String after = TestFiles.uniqueName(".txt");
        Exchange done = template.send("direct:afterFailure", e -> e.getMessage().setHeaders(Map.of(
                "options", s.options(), "dir", dir, "missing", "no-such-file.txt",
                "localDir", Files.createTempDirectory("ferry-dl").toString(), "after", after,
                "content", "after the refusal".getBytes(StandardCharsets.UTF_8))));

        assertNull(done.getException(), String.valueOf(done.getException()));
        assertTrue(done.getProperty("caught", String.class).contains("550"), done.getProperty("caught", String.class));
        assertEquals("after the refusal", Files.readString(s.disk().resolve(dir).resolve(after)));
        assertFalse(Files.exists(s.disk().resolve(after)), "the upload went to the login folder: the cwd was lost");
    }

    /** Issue 13, point 1: a connection really broken is replaced, and a relative step after it fails loudly. */
    @Test
    void should_fail_a_relative_step_after_the_connection_broke_instead_of_running_in_the_login_folder() throws Exception {
        FtpTarget s = dropping.target("dropping");
        String dir = "cut-" + UUID.randomUUID();
        Files.createDirectories(s.disk().resolve(dir));
        Map<String, Object> headers = new java.util.HashMap<>(Map.of("options", s.options(), "dir", dir,
                "missing", QuirkyFtpServer.DROP_CONNECTION, "localDir", Files.createTempDirectory("ferry-dl").toString(),
                "content", "after the break".getBytes(StandardCharsets.UTF_8)));

        headers.put("after", "relative.txt");
        Exchange relative = template.send("direct:afterFailure", e -> e.getMessage().setHeaders(headers));
        FtpException e = assertInstanceOf(FtpConnectionException.class, relative.getException());
        assertTrue(e.getMessage().contains("after cwd into '" + dir + "'"), e.getMessage());
        assertFalse(Files.exists(s.disk().resolve("relative.txt")), "the upload ran in the login folder");
        assertFalse(Files.exists(s.disk().resolve(dir).resolve("relative.txt")));

        // an absolute path does not depend on the lost cwd: the replacement session serves it
        headers.put("after", "/" + dir + "/absolute.txt");
        Exchange absolute = template.send("direct:afterFailure", x -> x.getMessage().setHeaders(headers));
        assertNull(absolute.getException(), String.valueOf(absolute.getException()));
        assertEquals("after the break", Files.readString(s.disk().resolve(dir).resolve("absolute.txt")));
    }

    /** Issue 13, point 2: login?username=anonymous then cwd?path=pub (no user named) is one anonymous session. */
    @Test
    void should_run_later_steps_in_the_session_login_opened_whatever_user_they_name() throws Exception {
        Path local = Files.createTempDirectory("ferry-anon");
        Exchange done = template.send("direct:anonymous", e -> e.getMessage().setHeader("localDir", local.toString()));

        assertNull(done.getException(), String.valueOf(done.getException()));
        Path sample = mina.getRoot().resolveSibling("ftp-anonymous").resolve(EmbeddedFtpServer.SAMPLE);
        assertEquals(Files.readString(sample), Files.readString(local.resolve("sample.txt")));
    }

    /** Issue 13, point 3: login shows 230, storlines and retrlines the transfer's 226, quit its 221. */
    @ParameterizedTest
    @MethodSource("servers")
    void should_set_each_steps_own_final_reply(String name) throws Exception {
        FtpTarget s = server(name);
        String file = TestFiles.uniqueName(".txt");
        Exchange done = template.send("direct:replies", e -> e.getMessage().setHeaders(Map.of(
                "options", s.options(), "file", file)));

        assertNull(done.getException(), String.valueOf(done.getException()));
        assertEquals(java.util.List.of("first line", "second line"), done.getProperty("lines"));
        assertEquals(230, done.getProperty("login", Integer.class), "login");
        assertEquals(226, done.getProperty("storlines", Integer.class), "storlines");
        assertEquals(226, done.getProperty("retrlines", Integer.class), "retrlines");
        assertEquals(221, done.getProperty("quit", Integer.class), "quit");
        assertTrue(done.getProperty("quitText", String.class).startsWith("221"), done.getProperty("quitText", String.class));
    }

    /** Issue 13, point 3: a refused step reports its refusal, not the reply of the step before. */
    @Test
    void should_set_the_refusal_as_the_reply_of_a_failed_step() {
        FtpTarget s = server("mina");
        Exchange done = template.send("ftplib:cwd?path=no-such-folder&" + s.options(), e -> { });
        FtpException e = failure(() -> {
            if (done.getException() != null) {
                throw new org.apache.camel.CamelExecutionException("cwd", done, done.getException());
            }
        });
        assertEquals(550, e.getReplyCode());
        assertEquals(550, done.getMessage().getHeader(FtpLibProducer.REPLY_CODE, Integer.class));
    }
}
