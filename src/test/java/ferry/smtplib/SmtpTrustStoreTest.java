package ferry.smtplib;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import ferry.support.SmtpTlsServer;
import ferry.support.TestCertificate;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13, point 11: smtplib trusts what tls.trust-store holds (a private certificate), as the ftplib steps and the
 * workflows do, with the chain and the host name checked; without it the same server is refused. Real aiosmtpd.
 */
class SmtpTrustStoreTest {

    private static final String USER = "mailer";

    private static Steps steps(TestCertificate trusted, int port, String password) throws Exception {
        Steps steps = new Steps();
        SmtpLibComponent smtplib = new SmtpLibComponent();
        if (trusted != null) {
            smtplib.setTrustStore(trusted.trustStore().toString());
            smtplib.setTrustStorePassword(trusted.password());
        }
        steps.context().addComponent("smtplib", smtplib);
        steps.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to("smtplib:sendmail?host=127.0.0.1&port=" + port + "&security=starttls&timeout=5000"
                        + "&username=" + USER + "&password=RAW(" + password + ")&from=ferry@tls.example&to=ops@tls.example");
            }
        });
        steps.context().start();
        return steps;
    }

    @Test
    void should_send_over_starttls_to_a_server_whose_certificate_is_in_the_trust_store() throws Exception {
        TestCertificate cert = TestCertificate.create(Path.of("target", "test-data", "smtp-trust-" + UUID.randomUUID()));
        String password = "pw-" + UUID.randomUUID();
        try (SmtpTlsServer server = SmtpTlsServer.start("starttls", cert, USER, password);
             Steps steps = steps(cert, server.port(), password)) {
            Exchange sent = steps.send("trusted by the store", Map.of(MailOptions.SUBJECT, "private trust"));
            assertNull(sent.getException(), String.valueOf(sent.getException()));
            await("the mail at aiosmtpd").atMost(Duration.ofSeconds(10)).until(() -> !server.messages().isEmpty());
            assertEquals("private trust", server.messages().get(0).getSubject());
        }
    }

    @Test
    void should_refuse_the_same_server_without_the_trust_store() throws Exception {
        TestCertificate cert = TestCertificate.create(Path.of("target", "test-data", "smtp-trust-" + UUID.randomUUID()));
        String password = "pw-" + UUID.randomUUID();
        try (SmtpTlsServer server = SmtpTlsServer.start("starttls", cert, USER, password);
             Steps steps = steps(null, server.port(), password)) {
            SmtpPermanentException e = assertInstanceOf(SmtpPermanentException.class,
                    steps.send("x", Map.of()).getException());
            assertTrue(e.getMessage().contains("TLS handshake with 127.0.0.1 refused"), e.getMessage());
            assertTrue(server.messages().isEmpty());
        }
    }
}
