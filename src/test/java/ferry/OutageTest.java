package ferry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import ferry.embedded.EmbeddedFtpServer;
import ferry.support.FerryApp;
import ferry.support.Mails;
import ferry.support.TestFiles;
import ferry.support.TestLog;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Servers going away are waited out: files stay where they are and go through when the servers return. */
class OutageTest {

    @Test
    void should_keep_files_while_the_ftp_and_mail_servers_are_down_and_deliver_them_after() throws Exception {
        Path serverData = Path.of("target", "test-data", "outage-" + TestFiles.uniqueName("")).toAbsolutePath();
        EmbeddedFtpServer ftp = new EmbeddedFtpServer(serverData, "u", "p", 0, "0");
        ftp.start();
        int ftpPort = ftp.getPort();
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        int smtpPort = smtp.getSmtp().getPort();
        smtp.stop();
        ftp.stop();
        try (FerryApp app = FerryApp.start(Map.of("ferry.embedded", "false", "ftp.port", String.valueOf(ftpPort),
                "ftp.username", "u", "ftp.password", "p", "ftp.timeout", "2000", "smtp.port", String.valueOf(smtpPort)))) {
            String name = TestFiles.uniqueName(".bin");
            byte[] content = TestFiles.randomBytes(20_000);
            Path dropped = app.drop(name, content);

            // both servers down: the file waits in the outbox, nothing is declared failed
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> Files.exists(dropped) && !Files.exists(app.data("failed")));

            ftp = new EmbeddedFtpServer(serverData, "u", "p", ftpPort, "0");
            ftp.start();
            Path incoming = ftp.getRoot().resolve("incoming/" + name);
            await().atMost(Duration.ofSeconds(40)).until(() -> Files.exists(incoming));
            // mail still down: the file waits on the FTP server
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> Files.exists(incoming) && !Files.exists(app.data("failed")));

            smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            GreenMail received = smtp;
            MimeMessage mail = await().atMost(Duration.ofSeconds(40)).until(
                    () -> received.getReceivedMessages().length > 0 ? received.getReceivedMessages()[0] : null, m -> m != null);
            assertArrayEquals(content, Mails.attachment(mail, name));
            Path done = ftp.getRoot().resolve("incoming/.done/" + name);
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(done));
            assertFalse(Files.exists(app.data("failed")), "something was declared failed during the outage");
            // the attempts at the mail server are one line that says which file waits, what failed where, and until when
            List<String> attempts = TestLog.lines("ftp-to-mail: " + name + " waiting out a fault");
            assertEquals(1, attempts.size(), String.join("\n", attempts));
            assertTrue(attempts.get(0).matches(".*: connect failed on 127\\.0\\.0\\.1:" + smtpPort
                    + ": connection refused or unreachable; next attempt at \\d\\d:\\d\\d:\\d\\d"), attempts.get(0));
        } finally {
            smtp.stop();
            ftp.stop();
        }
    }
}
