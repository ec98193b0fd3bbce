package ferry.smtplib;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** smtplib's sendmail results against aiosmtpd's real SMTP server: refused recipients, 4xx, all refused, SIZE. */
class RefusedRecipientsTest {

    private Aiosmtpd server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private Steps steps(String options) throws Exception {
        return Steps.java("smtplib:sendmail?host=127.0.0.1&port=" + server.port() + "&from=ferry@example.org" + options);
    }

    @Test
    void should_deliver_to_the_accepted_and_return_the_refused_with_their_replies() throws Exception {
        server = Aiosmtpd.start("smtp", "--refuse", "gone@example.org", "--defer", "busy@example.org");
        try (Steps steps = steps("&to=ops@example.org,gone@example.org&bcc=busy@example.org")) {
            Exchange done = steps.send("hello", Map.of(MailOptions.SUBJECT, "partial"));
            assertNull(done.getException());

            @SuppressWarnings("unchecked")
            Map<String, String> refused = done.getMessage().getBody(Map.class);
            assertEquals(Map.of("gone@example.org", "550 5.1.1 <gone@example.org>: no such user",
                    "busy@example.org", "451 4.2.0 <busy@example.org>: mailbox busy, try later"), refused);
            assertEquals(refused, done.getMessage().getHeader(SmtpLibProducer.REFUSED));
            Path delivery = server.awaitDeliveries(1).get(0);
            String envelope = Files.readString(delivery);
            assertTrue(envelope.contains("\"rcpt_tos\": [\"ops@example.org\"]"), envelope);
            assertTrue(envelope.contains("SIZE="), "SIZE not announced in MAIL FROM: " + envelope);
        }
    }

    /** SIZE= is the size of what is sent: a small message is encoded once and sent from those bytes, a big one streamed. */
    @Test
    void should_announce_the_size_of_the_bytes_sent_for_small_and_big_attachments(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        server = Aiosmtpd.start("smtp");
        java.util.Random random = new java.util.Random(15);
        try (Steps steps = steps("&to=ops@example.org")) {
            for (int size : new int[] {8 * 1024, 3 * 1024 * 1024}) {
                byte[] data = new byte[size];
                random.nextBytes(data);
                Path file = Files.write(dir.resolve("attached-" + size + ".bin"), data);
                assertNull(steps.send(file.toFile(), Map.of(MailOptions.SUBJECT, "size " + size)).getException());
            }
            List<Path> deliveries = server.awaitDeliveries(2);
            for (Path delivery : deliveries) {
                java.util.regex.Matcher announced = java.util.regex.Pattern.compile("SIZE=(\\d+)").matcher(Files.readString(delivery));
                assertTrue(announced.find(), "no SIZE= in " + delivery);
                long received = Files.size(Aiosmtpd.message(delivery));
                // the server's copy may carry the line end the transport adds before the final dot
                assertTrue(Math.abs(Long.parseLong(announced.group(1)) - received) <= 2,
                        "SIZE=" + announced.group(1) + " announced, " + received + " bytes received");
            }
        }
    }

    @Test
    void should_raise_recipients_refused_when_nobody_is_accepted() throws Exception {
        server = Aiosmtpd.start("smtp", "--refuse", "gone@example.org,left@example.org");
        try (Steps steps = steps("&to=gone@example.org,left@example.org")) {
            SmtpRecipientsRefusedException e = assertInstanceOf(SmtpRecipientsRefusedException.class,
                    steps.send("hello", Map.of()).getException());
            assertEquals(List.of("gone@example.org", "left@example.org"), List.copyOf(e.getRefused().keySet()));
            assertEquals(550, e.getReplyCode());
            assertEquals("sendmail", e.getOperation());
            assertEquals("127.0.0.1:" + server.port(), e.getServer());
            assertEquals(List.of(), server.deliveries());
        }
    }

    @Test
    void should_raise_a_temporary_error_when_every_recipient_is_deferred() throws Exception {
        server = Aiosmtpd.start("smtp", "--defer", "busy@example.org");
        try (Steps steps = steps("&to=busy@example.org")) {
            SmtpTemporaryException e = assertInstanceOf(SmtpTemporaryException.class,
                    steps.send("hello", Map.of()).getException());
            assertEquals(451, e.getReplyCode());
            assertTrue(e.getMessage().contains("451 4.2.0 <busy@example.org>: mailbox busy"), e.getMessage());
            assertEquals(Map.of("busy@example.org", "451 4.2.0 <busy@example.org>: mailbox busy, try later"), e.getRefused());
        }
    }

    @Test
    void should_be_refused_before_data_when_the_message_exceeds_the_announced_size() throws Exception {
        server = Aiosmtpd.start("smtp", "--size", "1000");
        try (Steps steps = steps("&to=ops@example.org")) {
            SmtpPermanentException e = assertInstanceOf(SmtpPermanentException.class,
                    steps.send("x".repeat(5000), Map.of()).getException());
            assertEquals(552, e.getReplyCode());
            assertEquals("mail", e.getOperation());
            assertEquals(List.of(), server.deliveries());
        }
    }
}
