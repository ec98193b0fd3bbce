package ferry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import ferry.support.FerryApp;
import ferry.support.Mails;
import ferry.support.SftpServer;
import ferry.support.TestFiles;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ftp.protocol=sftp: publish and ftp-to-mail against an SSH server (Apache MINA SSHD), its host key checked; refusals
 * that waiting cannot heal (login, SFTP status) fail the file at once.
 */
class SftpWorkflowsTest {

    private Path dir;
    private SftpServer sftp;
    private GreenMail smtp;

    @BeforeEach
    void start() throws Exception {
        dir = Files.createDirectories(Path.of("target", "test-data", TestFiles.uniqueName("-sftp")).toAbsolutePath());
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
    void should_deliver_through_sftp_when_the_host_key_is_known() throws Exception {
        try (FerryApp app = FerryApp.start(settings(sftp.knownHosts(dir.resolve("known_hosts"))))) {
            byte[] binary = TestFiles.randomBytes(200_000);
            String name = assertDelivered(app, binary);
            MimeMessage mail = await().atMost(Duration.ofSeconds(10)).until(() -> Mails.aboutFile(List.of(smtp.getReceivedMessages()), name), m -> m != null);
            assertArrayEquals(binary, Mails.attachment(mail, name));
            assertTrue(Mails.text(mail).contains("sftp://127.0.0.1:" + sftp.port() + "/incoming/.done/" + name),
                    Mails.text(mail));
        }
    }

    @Test
    void should_keep_the_file_when_the_server_presents_another_host_key_than_known_hosts() throws Exception {
        Path knownHosts = sftp.knownHostsWithAnotherKey(dir.resolve("known_hosts"));
        try (FerryApp app = FerryApp.start(settings(knownHosts))) {
            String name = TestFiles.uniqueName(".txt");
            app.drop(name, TestFiles.textWithLf(3));
            String text = app.awaitFailureReport(name);
            assertTrue(text.contains("SSH server [127.0.0.1]:" + sftp.port() + " presented the host key "
                    + sftp.fingerprint()), text);
            assertTrue(text.contains("sftp.known-hosts " + knownHosts), text);
            assertKept(app, name);
        }
    }

    @Test
    void should_deliver_through_sftp_when_the_host_key_matches_the_pinned_fingerprint() throws Exception {
        Map<String, String> settings = settings(dir.resolve("no-known_hosts-needed"));
        settings.put("sftp.host-key-fingerprint", sftp.fingerprint());
        try (FerryApp app = FerryApp.start(settings)) {
            assertDelivered(app, TestFiles.randomBytes(100_000));
        }
    }

    /** Drops a file and waits until ftp-to-mail has moved it, byte-identical, to incoming/.done on the SSH server. */
    private String assertDelivered(FerryApp app, byte[] binary) throws Exception {
        String name = TestFiles.uniqueName(".bin");
        app.drop(name, binary);
        Path done = sftp.root().resolve("incoming/.done").resolve(name);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(done));
        assertArrayEquals(binary, Files.readAllBytes(done));
        return name;
    }

    @Test
    void should_keep_the_file_when_the_host_key_does_not_match_the_pinned_fingerprint() throws Exception {
        String wrong = sftp.anotherFingerprint();
        Map<String, String> settings = settings(dir.resolve("no-known_hosts-needed"));
        settings.put("sftp.host-key-fingerprint", wrong);
        try (FerryApp app = FerryApp.start(settings)) {
            String name = TestFiles.uniqueName(".txt");
            app.drop(name, TestFiles.textWithLf(3));
            String text = app.awaitFailureReport(name);
            // both fingerprints and the host, so the operator can tell a rotated key from an impostor
            assertTrue(text.contains("[127.0.0.1]:" + sftp.port()), text);
            assertTrue(text.contains(sftp.fingerprint()), text);
            assertTrue(text.contains("sftp.host-key-fingerprint expects " + wrong), text);
            assertKept(app, name);
        }
    }

    @Test
    void should_collect_a_file_from_the_sftp_server_into_the_inbox() throws Exception {
        Map<String, String> settings = settings(sftp.knownHosts(dir.resolve("known_hosts")));
        settings.put("collect.enabled", "true");
        try (FerryApp app = FerryApp.start(settings)) {
            Path outgoing = Files.createDirectories(sftp.root().resolve("outgoing"));
            String name = TestFiles.uniqueName(".bin");
            byte[] content = TestFiles.randomBytes(300_000);
            Files.move(Files.write(outgoing.resolve("." + name), content), outgoing.resolve(name));

            Path done = outgoing.resolve(".done").resolve(name);
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(done));
            assertArrayEquals(content, Files.readAllBytes(app.data("inbox").resolve(name)));
            assertFalse(Files.exists(outgoing.resolve(name)), "the collected file stayed in place");
        }
    }

    @Test
    void should_fail_the_file_at_once_when_the_sftp_login_is_refused() throws Exception {
        Map<String, String> settings = settings(sftp.knownHosts(dir.resolve("known_hosts")));
        settings.put("ftp.password", "wrong-pw");
        assertFailedAtOnce(settings, "Auth fail");
    }

    @Test
    void should_fail_the_file_at_once_when_the_sftp_folder_cannot_be_made() throws Exception {
        // the folder would lie under a plain file: the server answers with an SFTP status, not a reply code
        Files.writeString(sftp.root().resolve("drop"), "not a folder");
        Map<String, String> settings = settings(sftp.knownHosts(dir.resolve("known_hosts")));
        settings.put("ftp.incoming", "/drop/incoming");
        assertFailedAtOnce(settings, "drop");
    }

    @Test
    void should_fail_the_file_at_once_when_the_sftp_server_denies_writing() throws Exception {
        try (SftpServer readOnly = SftpServer.startReadOnly(Files.createDirectories(dir.resolve("read-only")),
                "courier", "sftp-pw")) {
            Files.createDirectories(readOnly.root().resolve("incoming"));
            Map<String, String> settings = settings(readOnly.knownHosts(dir.resolve("read-only/known_hosts")));
            settings.put("ftp.port", String.valueOf(readOnly.port()));
            // SFTP status 3, permission denied
            assertFailedAtOnce(settings, "ermission denied");
        }
    }

    /**
     * With temporary faults retried for ever (ferry.retry.for=-1), a dropped file reaches failed/ with its .error
     * only when the fault is sorted permanent; the ledger records it as failed.
     */
    private void assertFailedAtOnce(Map<String, String> settings, String reason) throws Exception {
        settings.put("ferry.retry.for", "-1");
        try (FerryApp app = FerryApp.start(settings)) {
            String name = TestFiles.uniqueName(".txt");
            app.drop(name, TestFiles.textWithLf(3));
            String report = app.awaitFailureReport(name);
            assertTrue(report.contains(reason), report);
            assertKept(app, name);
            assertEquals(1, app.ledger().count(ferry.ledger.Ledger.State.FAILED));
        }
    }

    private void assertKept(FerryApp app, String name) {
        // refused at once (permanent), kept in failed/ beside its report, never uploaded
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(app.data("failed").resolve(name)));
        assertFalse(Files.exists(sftp.root().resolve("incoming").resolve(name)), "uploaded to an unverified host");
    }

    private Map<String, String> settings(Path knownHosts) {
        Map<String, String> settings = new HashMap<>();
        settings.put("ferry.embedded", "false");
        settings.put("ftp.protocol", "sftp");
        settings.put("ftp.host", "127.0.0.1");
        settings.put("ftp.port", String.valueOf(sftp.port()));
        settings.put("ftp.username", "courier");
        settings.put("ftp.password", "sftp-pw");
        settings.put("sftp.known-hosts", knownHosts.toString());
        settings.put("smtp.host", "127.0.0.1");
        settings.put("smtp.port", String.valueOf(smtp.getSmtp().getPort()));
        settings.put("mail.to", "ops@example.org");
        return settings;
    }
}
