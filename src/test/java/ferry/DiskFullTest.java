package ferry;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import ferry.support.FerryApp;
import ferry.support.Mails;
import ferry.support.TestFiles;
import ferry.support.Vsftpd;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A full disk on the FTP server (vsftpd answers 451): Ferry keeps the file, says so in health, and delivers
 * it once there is room again.
 */
class DiskFullTest {

    @Test
    void should_keep_the_file_report_it_in_health_and_catch_up_when_space_returns() throws Exception {
        try (Vsftpd vsftpd = Vsftpd.start()) {
            Path incoming = Files.createDirectories(vsftpd.root().resolve("incoming"));
            Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=256k,mode=0777", "tmpfs",
                    incoming.toString()).redirectErrorStream(true).start();
            String why = new String(mount.getInputStream().readAllBytes());
            Assumptions.assumeTrue(mount.waitFor() == 0, "cannot mount a small tmpfs to fill (needs root): " + why);
            GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            try (FerryApp app = FerryApp.start(Map.of("ferry.embedded", "false", "ftp.port", String.valueOf(vsftpd.port()),
                    "ftp.username", Vsftpd.USER, "ftp.password", Vsftpd.PASSWORD,
                    // under the login folder: vsftpd here has no chroot, so "/incoming" would be its root's /incoming
                    "ftp.incoming", "incoming",
                    "smtp.port", String.valueOf(smtp.getSmtp().getPort())))) {
                String name = TestFiles.uniqueName(".bin");
                byte[] content = TestFiles.randomBytes(1_000_000);
                Path dropped = app.drop(name, content);

                HttpClient http = HttpClient.newHttpClient();
                URI health = URI.create("http://127.0.0.1:" + app.managementPort() + "/observe/health?exposureLevel=full");
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
                    return r.statusCode() == 503 && r.body().contains(name) && r.body().contains("451");
                });
                assertFalse(Files.exists(app.data("failed")), "a full disk is temporary: nothing may be declared failed");
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> Files.exists(dropped));

                new ProcessBuilder("mount", "-o", "remount,size=16m", incoming.toString()).start().waitFor();
                MimeMessage mail = await().atMost(Duration.ofSeconds(60))
                        .until(() -> Mails.aboutFile(java.util.List.of(smtp.getReceivedMessages()), name), m -> m != null);
                assertArrayEquals(content, Mails.attachment(mail, name));
                await().atMost(Duration.ofSeconds(20)).until(() -> {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
                    return !r.body().contains(name);
                });
            } finally {
                smtp.stop();
                new ProcessBuilder("umount", "-l", incoming.toString()).start().waitFor();
            }
        }
    }
}
