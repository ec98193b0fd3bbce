package ferry.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import ferry.ftplib.FtpException;
import ferry.ftplib.FtpLibComponent;
import ferry.ftplib.FtpPermanentException;
import ferry.smtplib.SmtpPermanentException;
import ferry.support.FerryApp;
import ferry.support.SmtpTlsServer;
import ferry.support.TestCertificate;
import ferry.support.TestFiles;
import ferry.support.Vsftpd;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A certificate that is trusted (it is in tls.trust-store) but issued for another host name than the one Ferry
 * dials (files.example.org, reached as 127.0.0.1) is refused: FTPS against vsftpd, SMTP over TLS against aiosmtpd,
 * for the ftplib and smtplib steps and the shipped workflows, as a permanent error naming the host.
 */
class HostNameCheckTest {

    /** What the JDK says when the dialled address is not among the certificate's names. */
    private static final String MISMATCH = "No subject alternative names matching IP address 127.0.0.1 found";

    private static TestCertificate otherHost;

    @BeforeAll
    static void makeCertificate() throws Exception {
        otherHost = TestCertificate.create(Path.of("target", "test-data", "tls-other-" + UUID.randomUUID()).toAbsolutePath(),
                "files.example.org", "DNS:files.example.org");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void should_refuse_an_ftps_server_whose_certificate_names_another_host(String protocol) throws Exception {
        try (Vsftpd vsftpd = Vsftpd.startTls(otherHost, false)) {
            CamelContext context = new DefaultCamelContext();
            FtpLibComponent ftplib = new FtpLibComponent();
            ftplib.setTrustStore(otherHost.trustStore().toString());
            ftplib.setTrustStorePassword(otherHost.password());
            ftplib.setTlsProtocols(protocol);
            context.addComponent("ftplib", ftplib);
            context.start();
            try {
                CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> context
                        .createProducerTemplate().requestBody("ftplib:pwd?host=127.0.0.1&security=explicit&timeout=5000"
                                + "&port=" + vsftpd.port() + "&username=" + Vsftpd.USER + "&password=RAW(" + Vsftpd.PASSWORD + ")",
                                (Object) null));
                FtpException refused = assertInstanceOf(FtpPermanentException.class, e.getCause(), String.valueOf(e.getCause()));
                assertTrue(refused.getMessage().contains("TLS handshake with 127.0.0.1 refused"), refused.getMessage());
                assertTrue(refused.getMessage().contains(MISMATCH), refused.getMessage());
            } finally {
                context.stop();
            }
        }
    }

    @Test
    void should_keep_the_file_when_the_ftps_certificate_names_another_host() throws Exception {
        try (Vsftpd vsftpd = Vsftpd.startTls(otherHost, false)) {
            Map<String, String> settings = settings(vsftpd.port(), "explicit", 25, "none");
            try (FerryApp app = FerryApp.start(settings)) {
                String name = TestFiles.uniqueName(".txt");
                app.drop(name, TestFiles.textWithLf(3));
                String text = app.awaitFailureReport(name);
                assertTrue(text.contains(MISMATCH), text);
                await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(app.data("failed").resolve(name)));
                assertFalse(Files.exists(vsftpd.root().resolve("incoming").resolve(name)), "uploaded to the wrong host");
            }
        }
    }

    @Test
    void should_not_mail_to_a_server_whose_certificate_names_another_host() throws Exception {
        try (Vsftpd vsftpd = Vsftpd.start();
             SmtpTlsServer smtp = SmtpTlsServer.start("ssl", otherHost, "mailer", "smtp-pw-" + UUID.randomUUID())) {
            try (FerryApp app = FerryApp.start(settings(vsftpd.port(), "none", smtp.port(), "ssl"))) {
                String name = TestFiles.uniqueName(".txt");
                app.drop(name, TestFiles.textWithLf(3));
                // the report is written first, the consumer then moves the remote file to .failed
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> Files.exists(vsftpd.root().resolve("incoming/.failed").resolve(name)));
                String text = app.awaitFailureReport(name);
                assertTrue(text.contains(MISMATCH), text);
                assertTrue(smtp.messages().isEmpty(), "mailed to a server that is not the one dialled");
            }
        }
    }

    @Test
    void should_refuse_smtp_over_tls_to_another_host_even_when_its_chain_is_not_checked() throws Exception {
        try (SmtpTlsServer smtp = SmtpTlsServer.start("ssl", otherHost, "mailer", "smtp-pw-" + UUID.randomUUID())) {
            CamelContext context = new DefaultCamelContext();
            context.start();
            try {
                // trustedHosts accepts the certificate without a chain check: the host name is still checked
                Exchange out = context.createProducerTemplate().request("smtplib:sendmail?host=127.0.0.1&security=ssl"
                        + "&timeout=5000&trustedHosts=127.0.0.1&from=a@example.org&to=b@example.org&port=" + smtp.port(),
                        e -> e.getMessage().setBody("must not be sent"));
                SmtpPermanentException e = assertInstanceOf(SmtpPermanentException.class, out.getException(),
                        String.valueOf(out.getException()));
                assertTrue(e.getMessage().contains("TLS handshake with 127.0.0.1 refused"), e.getMessage());
                assertTrue(e.getMessage().contains(MISMATCH), e.getMessage());
                assertTrue(smtp.messages().isEmpty());
            } finally {
                context.stop();
            }
        }
    }

    private Map<String, String> settings(int ftpPort, String ftpSecurity, int smtpPort, String smtpSecurity) {
        Map<String, String> settings = new HashMap<>();
        settings.put("ferry.embedded", "false");
        settings.put("ftp.host", "127.0.0.1");
        settings.put("ftp.port", String.valueOf(ftpPort));
        settings.put("ftp.username", Vsftpd.USER);
        settings.put("ftp.password", Vsftpd.PASSWORD);
        settings.put("ftp.security", ftpSecurity);
        // under the login folder: vsftpd here has no chroot, so "/incoming" would be its root's /incoming
        settings.put("ftp.incoming", "incoming");
        settings.put("smtp.host", "127.0.0.1");
        settings.put("smtp.port", String.valueOf(smtpPort));
        settings.put("smtp.security", smtpSecurity);
        settings.put("tls.trust-store", otherHost.trustStore().toString());
        settings.put("tls.trust-store-password", otherHost.password());
        settings.put("mail.to", "ops@example.org");
        return settings;
    }
}
