package ferry.smtplib;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import ferry.support.FerryApp;
import ferry.support.TestFiles;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A flow whose named mail server speaks LMTP delivers through the smtplib step to aiosmtpd's real LMTP server. */
class LmtpFlowTest {

    @TempDir
    Path dir;

    @Test
    void should_mail_a_dropped_file_to_an_lmtp_mail_server() throws Exception {
        try (Aiosmtpd lmtp = Aiosmtpd.start("lmtp")) {
            Path routes = Files.createDirectories(dir.resolve("data/routes"));
            Path desk = dir.resolve("desk");
            Files.writeString(routes.resolve("desk-lmtp.camel.yaml"), """
                    - templatedRoute:
                        routeTemplateRef: local-to-mail
                        routeId: desk-lmtp
                        parameters:
                          - name: outbox
                            value: %s
                          - name: mailServer
                            value: local
                          - name: mailTo
                            value: desk@example.org
                    """.formatted(desk));
            Map<String, String> settings = Map.of(
                    "mail-server.local.protocol", "lmtp",
                    "mail-server.local.host", "127.0.0.1",
                    "mail-server.local.port", String.valueOf(lmtp.port()));
            try (FerryApp app = FerryApp.start(dir.resolve("data"), settings)) {
                String name = TestFiles.uniqueName(".bin");
                byte[] content = TestFiles.randomBytes(5000);
                Files.write(Files.createDirectories(desk).resolve(name), content);

                Path delivery = lmtp.awaitDeliveries(1).get(0);
                assertTrue(Files.readString(delivery).contains("\"rcpt_tos\": [\"desk@example.org\"]"), Files.readString(delivery));
                MimeMessage saved = new MimeMessage(Session.getInstance(new java.util.Properties()),
                        Files.newInputStream(Aiosmtpd.message(delivery)));
                assertEquals("Ferry: " + name, saved.getSubject());
                MimeBodyPart attached = (MimeBodyPart) ((MimeMultipart) saved.getContent()).getBodyPart(1);
                assertEquals(name, attached.getFileName());
                assertArrayEquals(content, attached.getInputStream().readAllBytes());
            }
        }
    }
}
