package ferry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import ferry.support.FerryApp;
import ferry.support.Mails;
import ferry.support.SmtpTlsServer;
import ferry.support.TestCertificate;
import ferry.support.TestFiles;
import ferry.support.Vsftpd;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * publish and ftp-to-mail over FTPS against vsftpd (require_ssl_reuse=YES) and over SMTP with STARTTLS or SMTP over
 * TLS with AUTH against aiosmtpd, certificates checked against tls.trust-store; and what is refused.
 */
class SecureWorkflowsTest {

    private static final String SMTP_USER = "ferry-mailer";
    private static final String SMTP_PASSWORD = "smtp-pw-" + UUID.randomUUID();

    private static TestCertificate cert;

    @BeforeAll
    static void makeCertificate() throws Exception {
        cert = TestCertificate.create(Path.of("target", "test-data", "tls-" + UUID.randomUUID()).toAbsolutePath());
    }

    @Test
    void should_deliver_over_explicit_ftps_and_starttls_with_tls_1_2() throws Exception {
        try (Vsftpd vsftpd = Vsftpd.startTls(cert, false);
             SmtpTlsServer smtp = SmtpTlsServer.start("starttls", cert, SMTP_USER, SMTP_PASSWORD)) {
            deliver(vsftpd, smtp, "explicit", "starttls", "TLSv1.2");
        }
    }

    @Test
    void should_deliver_over_implicit_ftps_and_smtp_over_tls_with_tls_1_3() throws Exception {
        try (Vsftpd vsftpd = Vsftpd.startTls(cert, true);
             SmtpTlsServer smtp = SmtpTlsServer.start("ssl", cert, SMTP_USER, SMTP_PASSWORD)) {
            deliver(vsftpd, smtp, "implicit", "ssl", "TLSv1.3");
        }
    }

    @Test
    void should_keep_the_file_when_the_ftps_certificate_is_not_trusted() throws Exception {
        try (Vsftpd vsftpd = Vsftpd.startTls(cert, false)) {
            Map<String, String> settings = settings(vsftpd, 25, "explicit", "none", "");
            // the JDK's CAs only: the self-signed test certificate must be refused
            settings.put("tls.trust-store", "");
            try (FerryApp app = FerryApp.start(settings)) {
                String name = TestFiles.uniqueName(".txt");
                app.drop(name, TestFiles.textWithLf(3));
                String text = app.awaitFailureReport(name);
                assertTrue(text.contains("PKIX path building failed") || text.contains("certification path"), text);
                assertFalse(Files.exists(vsftpd.root().resolve("incoming").resolve(name)), "uploaded to an untrusted server");
            }
        }
    }

    @Test
    void should_refuse_to_mail_when_the_server_offers_no_starttls() throws Exception {
        try (Vsftpd vsftpd = Vsftpd.startTls(cert, false);
             SmtpTlsServer smtp = SmtpTlsServer.start("plain", cert, SMTP_USER, SMTP_PASSWORD)) {
            try (FerryApp app = FerryApp.start(settings(vsftpd, smtp.port(), "explicit", "starttls", ""))) {
                String name = TestFiles.uniqueName(".txt");
                app.drop(name, TestFiles.textWithLf(3));
                String text = app.awaitFailureReport(name);
                assertTrue(text.contains("STARTTLS is required but host does not support STARTTLS"), text);
                assertTrue(smtp.messages().isEmpty(), "mailed in clear text");
                // the report is written first, the consumer then moves the file to .failed
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                        .until(() -> Files.exists(vsftpd.root().resolve("incoming/.failed").resolve(name)));
            }
        }
    }

    private void deliver(Vsftpd vsftpd, SmtpTlsServer smtp, String ftpSecurity, String smtpSecurity, String protocol)
            throws Exception {
        try (FerryApp app = FerryApp.start(settings(vsftpd, smtp.port(), ftpSecurity, smtpSecurity, protocol))) {
            byte[] binary = TestFiles.randomBytes(300_000);
            String name = TestFiles.uniqueName(".bin");
            app.drop(name, binary);
            Path done = vsftpd.root().resolve("incoming/.done").resolve(name);
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(done));
            assertArrayEquals(binary, Files.readAllBytes(done));
            MimeMessage mail = await().atMost(Duration.ofSeconds(10)).until(() -> Mails.aboutFile(smtp.messages(), name), m -> m != null);
            assertArrayEquals(binary, Mails.attachment(mail, name));
        }
        // vsftpd's debug_ssl log: the asked TLS version only, and every data connection resumed the session
        String log = vsftpd.log();
        assertTrue(log.contains("SSL version: " + protocol + ", "), log);
        assertFalse(log.contains("SSL version: " + ("TLSv1.3".equals(protocol) ? "TLSv1.2" : "TLSv1.3")), log);
        assertTrue(log.contains(", reused,"), log);
        assertFalse(log.contains("No SSL session reuse"), log);
    }

    private Map<String, String> settings(Vsftpd vsftpd, int smtpPort, String ftpSecurity, String smtpSecurity,
                                         String protocol) {
        Map<String, String> settings = new HashMap<>();
        settings.put("ferry.embedded", "false");
        settings.put("ftp.host", "127.0.0.1");
        settings.put("ftp.port", String.valueOf(vsftpd.port()));
        settings.put("ftp.username", Vsftpd.USER);
        settings.put("ftp.password", Vsftpd.PASSWORD);
        settings.put("ftp.security", ftpSecurity);
        // under the login folder: vsftpd here has no chroot, so "/incoming" would be its root's /incoming
        settings.put("ftp.incoming", "incoming");
        settings.put("smtp.host", "127.0.0.1");
        settings.put("smtp.port", String.valueOf(smtpPort));
        settings.put("smtp.security", smtpSecurity);
        settings.put("smtp.username", SMTP_USER);
        settings.put("smtp.password", SMTP_PASSWORD);
        settings.put("tls.trust-store", cert.trustStore().toString());
        settings.put("tls.trust-store-password", cert.password());
        settings.put("tls.protocols", protocol);
        settings.put("mail.to", "ops@example.org");
        return settings;
    }
}
