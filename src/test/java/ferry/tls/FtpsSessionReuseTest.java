package ferry.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import ferry.ftplib.FtpLibComponent;
import ferry.support.TestCertificate;
import ferry.support.TestFiles;
import ferry.support.Vsftpd;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.commons.net.ftp.FTPSClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * FTPS against vsftpd with require_ssl_reuse=YES (its default): a plain commons-net client's data connection is
 * refused, Ferry's is accepted, over TLS 1.2 and TLS 1.3, explicit and implicit.
 */
class FtpsSessionReuseTest {

    private static TestCertificate cert;

    @BeforeAll
    static void makeCertificate() throws Exception {
        cert = TestCertificate.create(Path.of("target", "test-data", "tls-" + UUID.randomUUID()).toAbsolutePath());
    }

    private static TlsSettings trust(String protocol) {
        return new TlsSettings(cert.trustStore().toString(), cert.password(), false, protocol);
    }

    @ParameterizedTest
    @CsvSource({"TLSv1.2", "TLSv1.3"})
    void should_refuse_a_plain_commons_net_data_connection_without_session_reuse(String protocol) throws Exception {
        FTPSClient plain = new FTPSClient(false, trust(protocol).context());
        plain.setEnabledProtocols(new String[] {protocol});
        try (Vsftpd explicit = Vsftpd.startTls(cert, false)) {
            plain.connect("127.0.0.1", explicit.port());
            assertTrue(plain.login(Vsftpd.USER, Vsftpd.PASSWORD), plain.getReplyString());
            plain.execPBSZ(0);
            plain.execPROT("P");
            plain.enterLocalPassiveMode();
            // commons-net opens a fresh TLS session on the data connection; vsftpd closes it and says why
            assertFalse(plain.storeFile("plain.txt", new java.io.ByteArrayInputStream(new byte[] {1, 2, 3})));
            assertEquals(522, plain.getReplyCode(), plain.getReplyString());
            assertTrue(plain.getReplyString().contains("session reuse required"), plain.getReplyString());
            assertTrue(explicit.log().contains("No SSL session reuse on data channel"), explicit.log());
            plain.disconnect();
        }
    }

    @ParameterizedTest
    @CsvSource({"explicit, TLSv1.2", "explicit, TLSv1.3", "implicit, TLSv1.2", "implicit, TLSv1.3"})
    void should_transfer_with_ftplib_steps_when_the_data_connection_must_reuse_the_session(String mode, String protocol)
            throws Exception {
        CamelContext context = new DefaultCamelContext();
        FtpLibComponent ftplib = new FtpLibComponent();
        ftplib.setSecurity(mode);
        ftplib.setTrustStore(cert.trustStore().toString());
        ftplib.setTrustStorePassword(cert.password());
        ftplib.setTlsProtocols(protocol);
        context.addComponent("ftplib", ftplib);
        context.start();
        try (Vsftpd server = Vsftpd.startTls(cert, "implicit".equals(mode))) {
            ProducerTemplate template = context.createProducerTemplate();
            String options = "host=127.0.0.1&port=" + server.port() + "&username=" + Vsftpd.USER
                    + "&password=RAW(" + Vsftpd.PASSWORD + ")&timeout=5000";
            byte[] content = TestFiles.randomBytes(300_000);
            String name = TestFiles.uniqueName(".bin");
            template.requestBody("ftplib:storbinary?path=" + name + "&" + options, content);
            assertArrayEquals(content, Files.readAllBytes(server.root().resolve(name)));
            Path local = Path.of("target", "test-data", "ftps-" + UUID.randomUUID());
            template.requestBody("ftplib:retrbinary?path=" + name + "&localDir=" + local + "&" + options, (Object) null);
            assertArrayEquals(content, Files.readAllBytes(local.resolve(name)));
            Object list = template.requestBody("ftplib:nlst?" + options, null, Object.class);
            assertTrue(String.valueOf(list).contains(name), String.valueOf(list));
            // vsftpd's debug_ssl log: every handshake used the asked version, every data connection resumed
            String log = server.log();
            assertTrue(log.contains("SSL version: " + protocol + ", SSL cipher: "), log);
            assertFalse(log.contains("SSL version: " + (protocol.equals("TLSv1.3") ? "TLSv1.2" : "TLSv1.3")), log);
            assertTrue(log.contains(", reused,"), log);
            assertFalse(log.contains("No SSL session reuse on data channel"), log);
        } finally {
            context.stop();
        }
    }
}
