package ferry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import ferry.embedded.EmbeddedFtpServer;
import ferry.support.FerryApp;
import ferry.support.SmtpTlsServer;
import ferry.support.TestCertificate;
import ferry.support.TestFiles;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Passwords never show up in what Ferry writes: its log (at DEBUG too), reports, downloads and archives. */
class SecretsTest {

    private static final List<String> CHATTY = List.of("ferry", "org.apache.camel.component.file.remote",
            "org.apache.camel.component.mail", "org.apache.camel.component.ref");

    @Test
    void should_never_write_the_ftp_or_smtp_password_anywhere() throws Exception {
        String ftpPassword = "ftp-pw-" + UUID.randomUUID();
        String smtpPassword = "smtp-pw-" + UUID.randomUUID();
        Path dir = Path.of("target", "test-data", "secrets-" + UUID.randomUUID()).toAbsolutePath();
        TestCertificate cert = TestCertificate.create(dir.resolve("tls"));
        EmbeddedFtpServer ftp = new EmbeddedFtpServer(dir.resolve("ftp-server"), "courier", ftpPassword, 0, "0");
        ftp.start();
        Path log = Path.of("target/test.log");
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        CHATTY.forEach(name -> Configurator.setLevel(name, Level.DEBUG));
        // the server knows another password: every mail is refused (535) and reported
        try (SmtpTlsServer smtp = SmtpTlsServer.start("starttls", cert, "mailer", "the-right-one")) {
            Map<String, String> settings = new HashMap<>();
            settings.put("ferry.embedded", "false");
            settings.put("ftp.port", String.valueOf(ftp.getPort()));
            settings.put("ftp.username", "courier");
            settings.put("ftp.password", ftpPassword);
            settings.put("smtp.port", String.valueOf(smtp.port()));
            settings.put("smtp.security", "starttls");
            settings.put("smtp.username", "mailer");
            settings.put("smtp.password", smtpPassword);
            settings.put("tls.trust-store", cert.trustStore().toString());
            settings.put("tls.trust-store-password", cert.password());
            try (FerryApp app = FerryApp.start(settings)) {
                String name = TestFiles.uniqueName(".txt");
                app.drop(name, TestFiles.textWithLf(3));
                String report = app.awaitFailureReport(name);
                assertTrue(report.contains("535"), report);
                assertNoSecret(app.data(""), ftpPassword, smtpPassword);
            }
        } finally {
            CHATTY.forEach(name -> Configurator.setLevel(name, Level.INFO));
            ftp.stop();
        }
        byte[] all = Files.readAllBytes(log);
        String written = new String(all, (int) logStart, all.length - (int) logStart, StandardCharsets.UTF_8);
        assertTrue(written.contains("DEBUG"), "the log was not at DEBUG");
        assertFalse(written.contains(ftpPassword), "the FTP password is in target/test.log");
        assertFalse(written.contains(smtpPassword), "the SMTP password is in target/test.log");
    }

    private static void assertNoSecret(Path data, String... secrets) throws IOException {
        try (Stream<Path> files = Files.walk(data)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String secret : secrets) {
                    assertFalse(content.contains(secret) || f.toString().contains(secret), "a password is in " + f);
                }
            }
        }
    }
}
