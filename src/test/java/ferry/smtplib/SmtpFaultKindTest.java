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
        Exception failure = send("protocol=lmtp&to=full@example.org");
        assertInstanceOf(SmtpRecipientsRefusedException.class, failure);
        assertTrue(failure.getMessage().contains("552"), failure.getMessage());
        assertTrue(FaultKind.isPermanent(failure), "LMTP 552 after DATA retried: " + failure.getMessage());
    }

    @Test
    void should_be_permanent_when_smtp_refuses_every_recipient() throws Exception {
        server = Aiosmtpd.start("smtp", "--refuse", "gone@example.org");
        Exception failure = send("to=gone@example.org");
        assertInstanceOf(SmtpRecipientsRefusedException.class, failure);
        assertTrue(FaultKind.isPermanent(failure), "refused recipient retried: " + failure.getMessage());
    }

    @Test
    void should_be_temporary_when_smtp_defers_the_recipient() throws Exception {
        server = Aiosmtpd.start("smtp", "--defer", "busy@example.org");
        Exception failure = send("to=busy@example.org");
        assertInstanceOf(SmtpTemporaryException.class, failure);
        assertFalse(FaultKind.isPermanent(failure), "451 treated as permanent: " + failure.getMessage());
    }

    private Exception send(String options) throws Exception {
        try (Steps steps = Steps.java("smtplib:sendmail?host=127.0.0.1&port=" + server.port()
                + "&from=ferry@example.org&" + options)) {
            return steps.send("hello", Map.of()).getException();
        }
    }
}
