package ferry.smtplib;

import java.time.Duration;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** smtplib's SMTP_SSL against GreenMail's SMTPS (self-signed certificate), with AUTH: verification is on unless told. */
class SmtpsTest {

    private static final String USER = "smtps-user";
    private static final String PASSWORD = "smtps-pw-4711";
    @RegisterExtension
    static final GreenMailServer SERVER = new GreenMailServer("smtps");

    @BeforeAll
    static void addUser() {
        SERVER.get().setUser("smtps-user@tls.example", USER, PASSWORD);
    }

    private static String uri(String options) {
        return "smtplib:sendmail?host=127.0.0.1&security=ssl&timeout=5000&port=" + SERVER.port()
                + "&from=ferry@tls.example&to=smtps-user@tls.example" + options;
    }

    @Test
    void should_send_over_tls_with_auth_when_the_certificate_is_trusted_explicitly() throws Exception {
        try (Steps steps = Steps.java(uri("&trustAll=true&username=" + USER + "&password=" + PASSWORD))) {
            assertNull(steps.send("over TLS", Map.of(MailOptions.SUBJECT, "smtps")).getException());

            await().atMost(Duration.ofSeconds(5)).until(() -> SERVER.get().getReceivedMessages().length > 0);
            MimeMessage got = SERVER.get().getReceivedMessages()[0];
            assertEquals("smtps", got.getSubject());
        }
    }

    @Test
    void should_refuse_an_untrusted_certificate_by_default() throws Exception {
        try (Steps steps = Steps.java(uri(""))) {
            // permanent: an untrusted certificate does not become trusted by waiting
            SmtpPermanentException e = assertInstanceOf(SmtpPermanentException.class,
                    steps.send("x", Map.of()).getException());
            assertTrue(e.getMessage().contains("TLS handshake with 127.0.0.1 refused"), e.getMessage());
        }
    }

    @Test
    void should_fail_permanently_on_a_wrong_password_without_showing_it() throws Exception {
        try (Steps steps = Steps.java(uri("&trustAll=true&username=" + USER + "&password=wrong-pw-0815"))) {
            SmtpPermanentException e = assertInstanceOf(SmtpPermanentException.class,
                    steps.send("x", Map.of()).getException());
            assertEquals("login", e.getOperation());
            assertEquals(535, e.getReplyCode());
            assertTrue(!e.getMessage().contains("wrong-pw-0815"), e.getMessage());
        }
    }
}
