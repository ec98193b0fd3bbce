package ferry.smtplib;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import ferry.support.TestFiles;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** smtplib's LMTP: delivery to aiosmtpd's real LMTP server, one result per recipient, also after DATA. */
class LmtpTest {

    private Aiosmtpd server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void should_deliver_per_recipient_and_report_refusals_at_rcpt_and_after_data() throws Exception {
        server = Aiosmtpd.start("lmtp", "--refuse", "gone@example.org", "--refuse-data", "full@example.org");
        Path file = Files.write(Files.createTempDirectory("ferry-lmtp-").resolve("payload.bin"),
                TestFiles.randomBytes(200_000));
        String parameters = """
                protocol: lmtp
                host: 127.0.0.1
                port: %d
                heloName: ferry.test
                from: ferry@example.org
                to: ops@example.org,gone@example.org,full@example.org
                subject: LMTP delivery
                """.formatted(server.port());
        try (Steps steps = Steps.yaml("smtplib:sendmail", parameters)) {
            Exchange done = steps.send(file.toFile(), Map.of(MailOptions.TEXT, "line\n.\nafter a lone dot"));
            assertNull(done.getException());

            assertEquals(Map.of("gone@example.org", "550 5.1.1 <gone@example.org>: no such user",
                    "full@example.org", "552 5.2.2 <full@example.org> mailbox full"), done.getMessage().getBody(Map.class));
            Path delivery = server.awaitDeliveries(1).get(0);
            assertTrue(Files.readString(delivery).contains("\"rcpt_tos\": [\"ops@example.org\"]"), Files.readString(delivery));
            MimeMessage saved = new MimeMessage(Session.getInstance(new java.util.Properties()),
                    Files.newInputStream(Aiosmtpd.message(delivery)));
            assertEquals("LMTP delivery", saved.getSubject());
            MimeMultipart parts = (MimeMultipart) saved.getContent();
            // the lone dot survived: commons-net stuffed it, the server unstuffed it
            assertEquals("line\r\n.\r\nafter a lone dot", parts.getBodyPart(0).getContent());
            MimeBodyPart attached = (MimeBodyPart) parts.getBodyPart(1);
            assertEquals("payload.bin", attached.getFileName());
            assertArrayEquals(Files.readAllBytes(file), attached.getInputStream().readAllBytes());
        }
    }

    @Test
    void should_deliver_a_raw_message_byte_for_byte() throws Exception {
        server = Aiosmtpd.start("lmtp");
        byte[] message = ("From: a@example.org\r\nTo: b@example.org\r\nSubject: raw é\r\n\r\n"
                + "körper\r\n..two dots\r\n").getBytes(StandardCharsets.UTF_8);
        try (Steps steps = Steps.java("smtplib:sendmail?protocol=lmtp&raw=true&host=127.0.0.1&port=" + server.port())) {
            assertNull(steps.send(message, Map.of()).getException());

            Path delivery = server.awaitDeliveries(1).get(0);
            assertArrayEquals(message, Files.readAllBytes(Aiosmtpd.message(delivery)));
            assertTrue(Files.readString(delivery).contains("\"mail_from\": \"a@example.org\""), Files.readString(delivery));
        }
    }

    @Test
    void should_raise_recipients_refused_when_every_recipient_fails() throws Exception {
        server = Aiosmtpd.start("lmtp", "--refuse", "gone@example.org", "--refuse-data", "full@example.org");
        try (Steps steps = Steps.java("smtplib:sendmail?protocol=lmtp&host=127.0.0.1&port=" + server.port()
                + "&from=ferry@example.org&to=gone@example.org,full@example.org")) {
            SmtpRecipientsRefusedException e = assertInstanceOf(SmtpRecipientsRefusedException.class,
                    steps.send("hello", Map.of()).getException());
            assertEquals(List.of("gone@example.org", "full@example.org"), List.copyOf(e.getRefused().keySet()));
            assertEquals(List.of(), server.deliveries());
        }
    }

    /** Issue 13, point 12: MAIL FROM carries SIZE= when LHLO offers SIZE, so an oversized message is refused before DATA. */
    @Test
    void should_announce_the_size_in_mail_from_when_lhlo_offers_it() throws Exception {
        server = Aiosmtpd.start("lmtp", "--size", "4000");
        try (Steps steps = Steps.java("smtplib:sendmail?protocol=lmtp&host=127.0.0.1&port=" + server.port()
                + "&from=ferry@example.org&to=ops@example.org")) {
            assertNull(steps.send("small enough", Map.of()).getException());
            Path delivery = server.awaitDeliveries(1).get(0);
            assertTrue(Files.readString(delivery).matches("(?s).*\"mail_options\": \\[\"SIZE=\\d+\"\\].*"),
                    Files.readString(delivery));

            SmtpException e = assertInstanceOf(SmtpException.class,
                    steps.send(TestFiles.randomBytes(10_000), Map.of()).getException());
            assertEquals("mail", e.getOperation(), e.getMessage());
            assertTrue(e.getMessage().contains("552"), e.getMessage());
            assertEquals(1, server.deliveries().size(), "the oversized message was delivered");
        }
    }

    /** Issue 13, point 12: debug=true over LMTP logs the conversation with the headers and the body's line count. */
    @Test
    void should_log_headers_and_the_body_line_count_with_debug() throws Exception {
        server = Aiosmtpd.start("lmtp");
        String subject = "lmtp-debug-" + java.util.UUID.randomUUID();
        try (Steps steps = Steps.java("smtplib:sendmail?protocol=lmtp&debug=true&host=127.0.0.1&port=" + server.port()
                + "&from=ferry@example.org&to=ops@example.org&subject=" + subject)) {
            assertNull(steps.send("one\ntwo\nthree\n", Map.of()).getException());
            server.awaitDeliveries(1);

            String where = "127.0.0.1:" + server.port();
            assertEquals(1, ferry.support.TestLog.lines(where, "Subject: " + subject).size(), "the Subject header");
            assertEquals(1, ferry.support.TestLog.lines(where, "(message body: ").size(), "the body's line count");
            assertEquals(List.of(), ferry.support.TestLog.lines(where, "two"), "a body line was logged");
        }
    }
}
