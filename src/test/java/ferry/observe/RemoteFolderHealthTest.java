package ferry.observe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import ferry.embedded.EmbeddedFtpServer;
import ferry.routes.PollFaults;
import ferry.support.FerryApp;
import ferry.support.SftpServer;
import ferry.support.TestFiles;
import ferry.support.TestLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A remote folder that cannot be polled (wrong password, folder missing and not creatable) makes /observe/health
 * DOWN naming the workflow, the server and the reply, is logged once per change of state and polled again with the
 * delivery retries' backoff; against MINA FtpServer and MINA SSHD.
 */
class RemoteFolderHealthTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Path dir;
    private GreenMail smtp;

    @BeforeEach
    void start() throws Exception {
        dir = Files.createDirectories(Path.of("target", "test-data", TestFiles.uniqueName("-polls")).toAbsolutePath());
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    @Test
    void should_be_down_naming_workflow_server_and_530_when_the_ftp_password_is_wrong() throws Exception {
        EmbeddedFtpServer ftp = startFtp();
        try {
            Map<String, String> settings = settings("ftp", ftp.getPort(), "partner", "wrong-pw");
            settings.put("collect.enabled", "true");
            try (FerryApp app = FerryApp.start(settings)) {
                String server = "ftp://127.0.0.1:" + ftp.getPort();
                String body = awaitDown(app, "ftp-to-mail: cannot poll " + server + "/incoming", "collect: cannot poll "
                        + server + "/outgoing");
                assertTrue(body.contains("530"), body);
                assertTrue(!body.contains("wrong-pw"), "the password is in the health page: " + body);
                PollFaults.Fault fault = awaitBackoffAtMax(app, "ftp-to-mail");
                assertTrue(fault.reason().startsWith("530 "), fault.reason());
                // many failed polls, one log line per workflow (at the change from working to failing)
                assertEquals(1, TestLog.lines("ftp-to-mail: cannot poll " + server).size(),
                        TestLog.lines("ftp-to-mail: cannot poll " + server).toString());
                assertEquals(1, TestLog.lines("collect: cannot poll " + server).size(),
                        TestLog.lines("collect: cannot poll " + server).toString());
            }
        } finally {
            ftp.stop();
        }
    }

    @Test
    void should_be_down_while_the_ftp_folder_cannot_be_listed_and_up_again_once_it_exists() throws Exception {
        EmbeddedFtpServer ftp = startFtp();
        try {
            // the configured folder lies under a plain file: it can be neither listed nor created
            Path blocker = Files.writeString(ftp.getRoot().resolve("drop"), "not a folder");
            Map<String, String> settings = settings("ftp", ftp.getPort(), "partner", "right-pw");
            settings.put("ftp.incoming", "/drop/incoming");
            try (FerryApp app = FerryApp.start(settings)) {
                String server = "ftp://127.0.0.1:" + ftp.getPort() + "/drop/incoming";
                String body = awaitDown(app, "ftp-to-mail: cannot poll " + server);
                assertTrue(body.contains("550"), body);

                Files.delete(blocker);
                Files.createDirectories(ftp.getRoot().resolve("drop/incoming"));
                await("health UP once /drop/incoming exists").atMost(Duration.ofSeconds(30))
                        .until(() -> get(app).statusCode() == 200);
                assertEquals(1, TestLog.lines("ftp-to-mail: cannot poll " + server).size());
                assertEquals(1, TestLog.lines("ftp-to-mail: polling " + server, "works again").size());
            }
        } finally {
            ftp.stop();
        }
    }

    @Test
    void should_be_down_naming_the_sftp_server_when_the_login_is_refused() throws Exception {
        try (SftpServer sftp = SftpServer.start(dir, "courier", "sftp-pw")) {
            Map<String, String> settings = settings("sftp", sftp.port(), "courier", "wrong-pw");
            settings.put("sftp.known-hosts", sftp.knownHosts(dir.resolve("known_hosts")).toString());
            try (FerryApp app = FerryApp.start(settings)) {
                String server = "sftp://127.0.0.1:" + sftp.port();
                String body = awaitDown(app, "ftp-to-mail: cannot poll " + server + "/incoming");
                assertTrue(body.contains("Auth fail"), body);
                PollFaults faults = app.context().getRegistry().lookupByNameAndType(PollFaults.BEAN, PollFaults.class);
                await("a second failed login").atMost(Duration.ofSeconds(30)).until(() -> faults.current().stream()
                        .anyMatch(f -> f.route().equals("ftp-to-mail") && f.failures() >= 2));
                assertEquals(1, TestLog.lines("ftp-to-mail: cannot poll " + server).size());
            }
        }
    }

    @Test
    void should_be_down_naming_the_sftp_status_when_the_folder_cannot_be_listed() throws Exception {
        try (SftpServer sftp = SftpServer.start(dir, "courier", "sftp-pw")) {
            Files.writeString(sftp.root().resolve("drop"), "not a folder");
            Map<String, String> settings = settings("sftp", sftp.port(), "courier", "sftp-pw");
            settings.put("sftp.known-hosts", sftp.knownHosts(dir.resolve("known_hosts")).toString());
            settings.put("ftp.incoming", "/drop/incoming");
            try (FerryApp app = FerryApp.start(settings)) {
                String body = awaitDown(app, "ftp-to-mail: cannot poll sftp://127.0.0.1:" + sftp.port() + "/drop/incoming");
                assertTrue(body.contains("SFTP status"), body);
            }
        }
    }

    /** Waits until readiness is DOWN with every fragment in the remote-folders check, and returns the page. */
    private String awaitDown(FerryApp app, String... fragments) throws Exception {
        String[] last = {""};
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                HttpResponse<String> health = get(app);
                // the JSON escapes the slashes
                last[0] = health.statusCode() + " " + health.body().replace("\\", "");
                return health.statusCode() == 503 && java.util.Arrays.stream(fragments).allMatch(last[0]::contains);
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("health is not DOWN naming " + String.join(" and ", fragments) + "; last page: "
                    + last[0], e);
        }
        return last[0];
    }

    /** Waits until the workflow's polls have backed off to ferry.retry.max-delay, and returns its fault. */
    private PollFaults.Fault awaitBackoffAtMax(FerryApp app, String route) {
        PollFaults faults = app.context().getRegistry().lookupByNameAndType(PollFaults.BEAN, PollFaults.class);
        return await(route + " polls backed off to ferry.retry.max-delay (1000 ms)").atMost(Duration.ofSeconds(30))
                .until(() -> faults.current().stream().filter(f -> f.route().equals(route)).findFirst().orElse(null),
                        f -> f != null && f.delayMillis() == 1000 && f.failures() >= 5);
    }

    /** A MINA FtpServer of its own (not Ferry's embedded one), account partner / right-pw. */
    private EmbeddedFtpServer startFtp() {
        EmbeddedFtpServer ftp = new EmbeddedFtpServer(dir.resolve("ftp"), "partner", "right-pw", 0, "0");
        ftp.start();
        return ftp;
    }

    private HttpResponse<String> get(FerryApp app) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.managementPort()
                + "/observe/health?exposureLevel=full")).timeout(Duration.ofSeconds(10)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, String> settings(String protocol, int port, String user, String password) {
        Map<String, String> settings = new HashMap<>();
        settings.put("ferry.embedded", "false");
        settings.put("ftp.protocol", protocol);
        settings.put("ftp.host", "127.0.0.1");
        settings.put("ftp.port", String.valueOf(port));
        settings.put("ftp.username", user);
        settings.put("ftp.password", password);
        settings.put("smtp.host", "127.0.0.1");
        settings.put("smtp.port", String.valueOf(smtp.getSmtp().getPort()));
        settings.put("mail.to", "ops@example.org");
        // the server checks probe only the TCP port; the remote-folders check is the one that must say DOWN
        settings.put("ferry.health.cache", "0");
        return settings;
    }
}
