package ferry.smtplib;

import java.util.Map;

import ferry.routes.FaultKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What aiosmtpd's real servers answer, sorted by Ferry's retry policy: refused recipients and LMTP's 5xx after
 * DATA are permanent (the file goes to failed/ at once), a deferral is temporary (retried).
 */
class SmtpFaultKindTest {

    private Aiosmtpd server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void should_be_permanent_when_lmtp_refuses_every_recipient_after_data() throws Exception {
        server = Aiosmtpd.start("lmtp", "--refuse-data", "full@example.org");
        Exception failure = assertPermanent("protocol=lmtp&to=full@example.org");
        assertTrue(failure.getMessage().contains("552"), failure.getMessage());
    }

    @Test
    void should_be_permanent_when_smtp_refuses_every_recipient() throws Exception {
        server = Aiosmtpd.start("smtp", "--refuse", "gone@example.org");
        Exception failure = assertPermanent("to=gone@example.org");
        assertTrue(failure.getMessage().contains("550"), failure.getMessage());
    }

    @Test
    void should_be_temporary_when_smtp_defers_the_recipient() throws Exception {
        server = Aiosmtpd.start("smtp", "--defer", "busy@example.org");
        Exception failure = send("to=busy@example.org");
        assertInstanceOf(SmtpTemporaryException.class, failure);
        assertFalse(FaultKind.isPermanent(failure), "451 treated as permanent: " + failure.getMessage());
    }

    /** Sends, expects smtplib's SMTPRecipientsRefused, and that Ferry does not retry it. */
    private Exception assertPermanent(String options) throws Exception {
        Exception failure = send(options);
        assertInstanceOf(SmtpRecipientsRefusedException.class, failure);
        assertTrue(FaultKind.isPermanent(failure), "retried though permanent: " + failure.getMessage());
        return failure;
    }

    private Exception send(String options) throws Exception {
        try (Steps steps = Steps.java("smtplib:sendmail?host=127.0.0.1&port=" + server.port()
                + "&from=ferry@example.org&" + options)) {
            return steps.send("hello", Map.of()).getException();
        }
    }
}
