package ferry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import ferry.embedded.EmbeddedFtpServer;
import ferry.embedded.EmbeddedServers;
import ferry.support.FerryApp;
import ferry.support.Mails;
import ferry.support.TestFiles;
import ferry.support.Vsftpd;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** ferry.embedded=false: Ferry uses the servers it is pointed at and starts none of its own. */
class ExternalServersTest {

    private GreenMail smtp;

    @BeforeEach
    void startMailServer() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stopMailServer() {
        smtp.stop();
    }

    @Test
    void should_deliver_through_vsftpd_and_an_outside_smtp_server() throws Exception {
        try (Vsftpd vsftpd = Vsftpd.start()) {
            deliver(vsftpd.root(), vsftpd.port(), Vsftpd.USER, Vsftpd.PASSWORD);
        }
    }

    @Test
    void should_deliver_through_a_separately_started_mina_ftp_server() throws Exception {
        Path serverData = Path.of("target", "test-data", "mina-" + TestFiles.uniqueName("")).toAbsolutePath();
        EmbeddedFtpServer mina = new EmbeddedFtpServer(serverData, "outside", "outside-pw", 0, "0");
        mina.start();
        try {
            deliver(mina.getRoot(), mina.getPort(), "outside", "outside-pw");
        } finally {
            mina.stop();
        }
    }

    private void deliver(Path ftpDisk, int ftpPort, String user, String password) throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("ferry.embedded", "false");
        settings.put("ftp.host", "127.0.0.1");
        settings.put("ftp.port", String.valueOf(ftpPort));
        settings.put("ftp.username", user);
        settings.put("ftp.password", password);
        settings.put("smtp.host", "127.0.0.1");
        settings.put("smtp.port", String.valueOf(smtp.getSmtp().getPort()));
        settings.put("mail.to", "ops@example.org");
        // under the login folder: vsftpd here has no chroot, so "/incoming" would be its root's /incoming
        settings.put("ftp.incoming", "incoming");
        try (FerryApp app = FerryApp.start(settings)) {
            assertNull(app.context().getRegistry().lookupByName(EmbeddedServers.BEAN), "an embedded server started");
            byte[] binary = TestFiles.randomBytes(200_000);
            byte[] text = TestFiles.textWithLf(50);
            String binaryName = TestFiles.uniqueName(".bin");
            String textName = TestFiles.uniqueName(".txt");
            app.drop(binaryName, binary);
            app.drop(textName, text);

            Path done = ftpDisk.resolve("incoming/.done");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Files.exists(done.resolve(binaryName)) && Files.exists(done.resolve(textName)));
            assertArrayEquals(binary, Files.readAllBytes(done.resolve(binaryName)));
            assertArrayEquals(text, Files.readAllBytes(done.resolve(textName)));
            MimeMessage mail = await().atMost(Duration.ofSeconds(10)).until(() -> find(binaryName), m -> m != null);
            assertArrayEquals(binary, Mails.attachment(mail, binaryName));
            MimeMessage textMail = await().atMost(Duration.ofSeconds(10)).until(() -> find(textName), m -> m != null);
            assertArrayEquals(text, Mails.attachment(textMail, textName));
        }
    }

    private MimeMessage find(String name) throws Exception {
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (m.getSubject() != null && m.getSubject().contains(name)) {
                return m;
            }
        }
        return null;
    }
}
