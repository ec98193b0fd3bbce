package ferry.servers;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ferry.embedded.EmbeddedFtpServer;
import ferry.support.FerryApp;
import ferry.support.FerryProcess;
import ferry.support.Mails;
import ferry.support.SmtpTlsServer;
import ferry.support.TestCertificate;
import ferry.support.TestFiles;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default servers' passwords from files ({@code ftp.password-file}, {@code smtp.password-file}): a file goes
 * up to a real FTP server and out through a real SMTP server that both refuse any other password; a file that
 * cannot be read stops Ferry (and fails validate) naming the key and the file.
 */
class DefaultPasswordFileTest {

    @Test
    void should_log_in_to_the_default_ftp_and_smtp_servers_with_the_passwords_from_files() throws Exception {
        String ftpPassword = "ftp-pw-" + UUID.randomUUID();
        String smtpPassword = "smtp-pw-" + UUID.randomUUID();
        Path dir = Files.createDirectories(Path.of("target", "test-data", "password-file-" + UUID.randomUUID()).toAbsolutePath());
        Path ftpFile = Files.writeString(dir.resolve("ftp.secret"), ftpPassword + "\n");
        Path smtpFile = Files.writeString(dir.resolve("smtp.secret"), smtpPassword + "\n");
        EmbeddedFtpServer ftp = new EmbeddedFtpServer(dir.resolve("ftp-server"), "courier", ftpPassword, 0, "0");
        ftp.start();
        Path log = Path.of("target/test.log");
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        try (SmtpTlsServer smtp = SmtpTlsServer.start("plain", TestCertificate.create(dir.resolve("tls")), "mailer", smtpPassword)) {
            Map<String, String> settings = new HashMap<>();
            settings.put("ferry.embedded", "false");
            settings.put("ftp.port", String.valueOf(ftp.getPort()));
            settings.put("ftp.username", "courier");
            // ftp.password stays the shipped demo one ("ferry"): the file replaces it
            settings.put("ftp.password-file", ftpFile.toString());
            settings.put("smtp.port", String.valueOf(smtp.port()));
            settings.put("smtp.username", "mailer");
            settings.put("smtp.password-file", smtpFile.toString());
            try (FerryApp app = FerryApp.start(dir.resolve("data"), settings)) {
                String name = TestFiles.uniqueName(".csv");
                byte[] content = TestFiles.randomBytes(5000);
                app.drop(name, content);
                // publish logged in to the FTP server, ftp-to-mail took it from there and logged in to the SMTP server
                MimeMessage mail = await("a mail about " + name).atMost(Duration.ofSeconds(30))
                        .until(() -> Mails.aboutFile(smtp.messages(), name), m -> m != null);
                assertArrayEquals(content, Mails.attachment(mail, name));
                Path done = ftp.getRoot().resolve("incoming").resolve(".done").resolve(name);
                await("the file in /incoming/.done on the FTP server").atMost(Duration.ofSeconds(10)).until(() -> Files.exists(done));
                assertFalse(Files.exists(app.data("failed").resolve(name + ".error")), "no failure report");
            }
        } finally {
            ftp.stop();
        }
        byte[] all = Files.readAllBytes(log);
        String written = new String(all, (int) logStart, all.length - (int) logStart, StandardCharsets.UTF_8);
        assertTrue(written.contains("ftp.password is read from " + ftpFile + " (ftp.password-file)"), "the source is logged");
        assertFalse(written.contains(ftpPassword), "the FTP password is in target/test.log");
        assertFalse(written.contains(smtpPassword), "the SMTP password is in target/test.log");
    }

    @Test
    void should_refuse_to_start_when_the_password_file_cannot_be_read() throws Exception {
        Path missing = Path.of("target", "test-data", "no-such-" + UUID.randomUUID()).toAbsolutePath();
        Exception e = assertThrows(Exception.class, () -> FerryApp.start(Map.of("smtp.password-file", missing.toString())).close());
        assertTrue(rootMessages(e).contains("setting smtp.password-file = '" + missing + "' cannot be read (NoSuchFileException)"),
                rootMessages(e));
    }

    @Test
    void should_report_an_unreadable_password_file_and_a_password_set_twice_in_validate() throws Exception {
        Path missing = Path.of("target", "test-data", "no-such-" + UUID.randomUUID()).toAbsolutePath();
        FerryProcess.Result r = FerryProcess.run(Map.of("FTP_PASSWORD_FILE", missing.toString()), List.of(), List.of("validate"));
        assertEquals(1, r.exitCode(), r.output());
        assertEquals(List.of("config/application.properties: setting ftp.password-file = '" + missing + "' cannot be read"
                        + " (NoSuchFileException) (config/application.properties, -Dftp.password-file=..., or FTP_PASSWORD_FILE)",
                "FAILED: the configuration is wrong; route files not checked"), r.output().strip().lines().toList());

        Path file = Files.writeString(Files.createTempFile(Path.of("target"), "smtp", ".secret"), "s3cret\n");
        String envPassword = "env-pw-" + UUID.randomUUID();
        r = FerryProcess.run(Map.of("SMTP_PASSWORD", envPassword), List.of("-Dsmtp.password-file=" + file), List.of("validate"));
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.output().contains("setting smtp.password-file is set, and so is smtp.password (-D or environment): keep one"),
                r.output());
        assertFalse(r.output().contains("s3cret") || r.output().contains(envPassword), r.output());
    }

    private static String rootMessages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
