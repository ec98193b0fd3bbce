package ferry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import ferry.support.FerryApp;
import ferry.support.SftpServer;
import ferry.support.TestFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SFTP refusals that waiting cannot heal (login refused, a folder that cannot be made) send the file to failed/
 * with its .error at once, also with ferry.retry.for=-1 (retry temporary faults forever); against MINA SSHD.
 */
class SftpPermanentFaultsTest {

    private Path dir;
    private SftpServer sftp;
    private GreenMail smtp;

    @BeforeEach
    void start() throws Exception {
        dir = Files.createDirectories(Path.of("target", "test-data", TestFiles.uniqueName("-sftp-perm")).toAbsolutePath());
        sftp = SftpServer.start(dir, "courier", "sftp-pw");
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stop() throws Exception {
        smtp.stop();
        sftp.close();
    }

    @Test
    void should_fail_the_file_at_once_when_the_sftp_login_is_refused() throws Exception {
        try (FerryApp app = FerryApp.start(settings("wrong-pw", "/incoming"))) {
            String name = TestFiles.uniqueName(".txt");
            app.drop(name, TestFiles.textWithLf(3));
            String report = app.awaitFailureReport(name);
            assertTrue(report.contains("Auth fail"), report);
            assertFailedOnce(app, name);
        }
    }

    @Test
    void should_fail_the_file_at_once_when_the_sftp_folder_cannot_be_made() throws Exception {
        // the folder would lie under a plain file: the server answers with an SFTP status, not a reply code
        Files.writeString(sftp.root().resolve("drop"), "not a folder");
        try (FerryApp app = FerryApp.start(settings("sftp-pw", "/drop/incoming"))) {
            String name = TestFiles.uniqueName(".txt");
            app.drop(name, TestFiles.textWithLf(3));
            String report = app.awaitFailureReport(name);
            assertTrue(report.contains("drop"), report);
            assertFailedOnce(app, name);
        }
    }

    private void assertFailedOnce(FerryApp app, String name) throws Exception {
        await(name + " in failed/").atMost(Duration.ofSeconds(10)).until(() -> Files.exists(app.data("failed").resolve(name)));
        assertFalse(Files.exists(app.data("outbox").resolve(name)), "still in the outbox");
        // with retries for ever, only a fault sorted permanent ends there; the ledger says so too
        assertEquals(1, app.ledger().count(ferry.ledger.Ledger.State.FAILED));
    }

    private Map<String, String> settings(String password, String incoming) throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("ferry.embedded", "false");
        settings.put("ftp.protocol", "sftp");
        settings.put("ftp.host", "127.0.0.1");
        settings.put("ftp.port", String.valueOf(sftp.port()));
        settings.put("ftp.username", "courier");
        settings.put("ftp.password", password);
        settings.put("ftp.incoming", incoming);
        settings.put("sftp.known-hosts", sftp.knownHosts(dir.resolve("known_hosts")).toString());
        settings.put("smtp.host", "127.0.0.1");
        settings.put("smtp.port", String.valueOf(smtp.getSmtp().getPort()));
        // temporary faults are retried for ever: only a permanent one reaches failed/
        settings.put("ferry.retry.for", "-1");
        return settings;
    }
}
