package ferry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import ferry.embedded.EmbeddedFtpServer;
import ferry.support.FerryApp;
import ferry.support.Mails;
import ferry.support.TestFiles;
import ferry.tls.FtpClients;
import ferry.tls.TlsSettings;
import jakarta.mail.internet.MimeMessage;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPSClient;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ferry.embedded.tls=true: the demo FTP server (MINA) speaks explicit FTPS and the demo mail server SMTP over TLS,
 * with a certificate made at startup.
 */
class EmbeddedTlsTest {

    @Test
    void should_run_every_workflow_over_ftps_with_tls_1_3_against_the_embedded_server() throws Exception {
        try (FerryApp app = FerryApp.start(Map.of("ferry.embedded.tls", "true", "tls.protocols", "TLSv1.3"))) {
            assertEquals("explicit", app.property("ftp.security"));
            assertEquals("ssl", app.property("smtp.security"));
            // the mail port speaks TLS from the first byte: a plain SMTP client gets no greeting
            try (java.net.Socket plain = new java.net.Socket(EmbeddedFtpServer.HOST, Integer.parseInt(app.property("smtp.port")))) {
                plain.setSoTimeout(1000);
                assertThrows(java.net.SocketTimeoutException.class, () -> plain.getInputStream().read());
            }
            byte[] binary = TestFiles.randomBytes(100_000);
            String name = TestFiles.uniqueName(".bin");
            app.drop(name, binary);
            Path done = app.ftpRoot().resolve("incoming/.done").resolve(name);
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(done));
            assertArrayEquals(binary, Files.readAllBytes(done));
            MimeMessage mail = await().atMost(Duration.ofSeconds(10))
                    .until(() -> Mails.aboutFile(List.of(app.greenMail().getReceivedMessages()), name), m -> m != null);
            assertArrayEquals(binary, Mails.attachment(mail, name));
            // the fetch workflow's ftplib steps, over FTPS as well
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(app.data("inbox").resolve("sample.txt")));

            // what an outside client sees with the trust store Ferry made: TLS 1.3, data protected
            FTPClient client = FtpClients.create("explicit", new TlsSettings(
                    app.data("tls/trust.p12").toString(), "ferry-demo", false, "TLSv1.3"));
            client.connect(EmbeddedFtpServer.HOST, Integer.parseInt(app.property("ftp.port")));
            try {
                assertTrue(client.login(app.property("ftp.username"), app.property("ftp.password")));
                ((FTPSClient) client).execPBSZ(0);
                ((FTPSClient) client).execPROT("P");
                client.enterLocalPassiveMode();
                assertTrue(String.join(",", client.listNames("incoming/.done")).contains(name));
            } finally {
                client.disconnect();
            }
        }
        String log = Files.readString(Path.of("target/test.log"));
        assertTrue(log.contains("AUTH TLS") && log.contains("PROT P"), "the embedded server saw no FTPS");
    }
}
