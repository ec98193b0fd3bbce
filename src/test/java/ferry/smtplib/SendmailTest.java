package ferry.smtplib;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import ferry.support.TestFiles;
import jakarta.activation.FileDataSource;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.apache.camel.Exchange;
import org.apache.camel.attachment.AttachmentMessage;
import org.apache.camel.attachment.DefaultAttachment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** smtplib:sendmail against GreenMail: what arrives (envelope, headers, encodings, attachment bytes), from Java and YAML routes. */
class SendmailTest {

    @RegisterExtension
    static final GreenMailServer SERVER = new GreenMailServer("smtp");

    private static String uri(String options) {
        return "smtplib:sendmail?host=127.0.0.1&port=" + SERVER.port() + options;
    }

    /** A domain of its own for each test, so tests never see each other's mail. */
    private static String domain() {
        return UUID.randomUUID().toString().substring(0, 8) + ".example";
    }

    /** What the mailbox of {@code address} holds once {@code count} messages arrived (GreenMail files by envelope). */
    private static MimeMessage[] inbox(String address, int count) throws Exception {
        await().atMost(Duration.ofSeconds(5)).until(() -> stored(address).length >= count);
        return stored(address);
    }

    private static MimeMessage[] stored(String address) throws Exception {
        GreenMailUser user = SERVER.get().getUserManager().getUserByEmail(address);
        if (user == null) {
            return new MimeMessage[0];
        }
        return SERVER.get().getManagers().getImapHostManager().getInbox(user).getMessages().stream()
                .map(StoredMessage::getMimeMessage).toArray(MimeMessage[]::new);
    }

    @Test
    void should_send_a_text_mail_with_date_message_id_and_an_encoded_subject() throws Exception {
        String d = domain();
        try (Steps steps = Steps.java(uri("&from=Ferry <ferry@" + d + ">&to=ops@" + d))) {
            Exchange done = steps.send("line one\nline two ü\n", Map.of(MailOptions.SUBJECT, "Grüße from Ferry"));
            assertNull(done.getException());
            assertEquals(Map.of(), done.getMessage().getBody(Map.class));
            assertEquals(250, done.getMessage().getHeader(SmtpLibProducer.REPLY_CODE));

            MimeMessage mail = inbox("ops@" + d, 1)[0];
            assertEquals("Grüße from Ferry", mail.getSubject());
            assertTrue(mail.getHeader("Subject")[0].startsWith("=?UTF-8?"), mail.getHeader("Subject")[0]);
            assertNotNull(mail.getSentDate());
            String id = done.getMessage().getHeader(SmtpLibProducer.MESSAGE_ID, String.class);
            assertEquals(id, mail.getMessageID());
            assertTrue(id.endsWith("@" + d + ">"), id);
            // the last CRLF belongs to the end-of-data marker on the wire
            assertEquals("line one\r\nline two ü", ((String) mail.getContent()).stripTrailing());
            String raw = raw(mail);
            assertTrue(raw.contains("\r\nDate: "), raw);
            assertTrue(raw.contains("\r\nMIME-Version: 1.0\r\n"), raw);
        }
    }

    @Test
    void should_deliver_bcc_through_the_envelope_only() throws Exception {
        String d = domain();
        String blind = "blind@bcc-" + d;
        try (Steps steps = Steps.java(uri("&from=ferry@" + d + "&to=ops@" + d + "&cc=cc@" + d + "&bcc=" + blind))) {
            assertNull(steps.send("hello", Map.of(MailOptions.SUBJECT, "bcc")).getException());

            MimeMessage[] atBcc = inbox(blind, 1);
            assertEquals(1, atBcc.length);
            assertNull(atBcc[0].getHeader("Bcc"));
            assertEquals(1, inbox("ops@" + d, 1).length);
            assertEquals(1, inbox("cc@" + d, 1).length);
            assertEquals("cc@" + d, ((InternetAddress) atBcc[0].getRecipients(Message.RecipientType.CC)[0]).getAddress());
        }
    }

    @Test
    void should_attach_a_file_body_byte_for_byte_with_an_encoded_name() throws Exception {
        String d = domain();
        Path dir = Files.createDirectories(Path.of("target", "smtplib-" + d));
        byte[] bytes = TestFiles.randomBytes(300_000);
        Path file = Files.write(dir.resolve("données été.bin"), bytes);
        try (Steps steps = Steps.java(uri("&from=ferry@" + d + "&to=ops@" + d + "&text=see attached"))) {
            assertNull(steps.send(file.toFile(), Map.of(MailOptions.SUBJECT, "file")).getException());

            MimeMessage mail = inbox("ops@" + d, 1)[0];
            MimeMultipart parts = (MimeMultipart) mail.getContent();
            assertEquals(2, parts.getCount());
            assertEquals("see attached", parts.getBodyPart(0).getContent());
            MimeBodyPart attached = (MimeBodyPart) parts.getBodyPart(1);
            assertEquals("base64", attached.getEncoding());
            assertEquals("données été.bin", attached.getFileName());
            assertTrue(String.join("", attached.getHeader("Content-Disposition")).contains("filename*=UTF-8''"),
                    "file name not RFC 2231-encoded: " + String.join("", attached.getHeader("Content-Disposition")));
            assertArrayEquals(bytes, attached.getInputStream().readAllBytes());
        }
    }

    @Test
    void should_attach_camel_attachments_next_to_the_text() throws Exception {
        String d = domain();
        Path dir = Files.createDirectories(Path.of("target", "smtplib-" + d));
        byte[] bytes = "a\nb\r\nc\n".getBytes(StandardCharsets.US_ASCII);
        Path file = Files.write(dir.resolve("lines.txt"), bytes);
        try (Steps steps = Steps.java(uri("&from=ferry@" + d + "&to=ops@" + d))) {
            Exchange done = steps.context().createProducerTemplate().send("direct:send", e -> {
                AttachmentMessage m = e.getMessage(AttachmentMessage.class);
                m.setBody("the report");
                m.addAttachmentObject("report.txt", new DefaultAttachment(new FileDataSource(file.toFile())));
            });
            assertNull(done.getException());

            MimeMultipart parts = (MimeMultipart) inbox("ops@" + d, 1)[0].getContent();
            assertEquals("the report", parts.getBodyPart(0).getContent());
            assertEquals("report.txt", parts.getBodyPart(1).getFileName());
            // base64: mixed line ends arrive exactly as they were
            assertArrayEquals(bytes, parts.getBodyPart(1).getInputStream().readAllBytes());
        }
    }

    @Test
    void should_send_a_raw_message_as_given_to_an_envelope_that_differs_from_its_headers() throws Exception {
        String d = domain();
        String message = "From: someone@" + d + "\r\nTo: listed@" + d + "\r\nSubject: raw\r\n"
                + "Message-ID: <given-" + d + "@" + d + ">\r\n\r\nbody as given\r\n";
        try (Steps steps = Steps.java(uri("&raw=true&envelopeFrom=bounces@" + d + "&envelopeTo=real@env-" + d))) {
            assertNull(steps.send(message.getBytes(StandardCharsets.UTF_8), Map.of()).getException());

            MimeMessage[] got = inbox("real@env-" + d, 1);
            assertEquals(1, got.length);
            assertEquals(0, inbox("listed@" + d, 0).length);
            assertEquals("<given-" + d + "@" + d + ">", got[0].getMessageID());
            assertEquals("body as given", ((String) got[0].getContent()).stripTrailing());
            assertEquals("<bounces@" + d + ">", got[0].getHeader("Return-Path")[0]);
        }
    }

    @Test
    void should_send_a_mime_message_body_to_its_own_recipients() throws Exception {
        String d = domain();
        MimeMessage given = new MimeMessage(Session.getInstance(new Properties()));
        given.setFrom("app@" + d);
        given.setRecipients(Message.RecipientType.TO, "reader@" + d);
        given.setSubject("built elsewhere");
        given.setText("made by the application");
        try (Steps steps = Steps.java(uri(""))) {
            assertNull(steps.send(given, Map.of()).getException());

            MimeMessage got = inbox("reader@" + d, 1)[0];
            assertEquals("built elsewhere", got.getSubject());
            assertEquals("made by the application", got.getContent());
        }
    }

    @Test
    void should_refuse_a_header_value_with_a_line_break() throws Exception {
        String d = domain();
        try (Steps steps = Steps.java(uri("&from=ferry@" + d + "&to=ops@" + d))) {
            Exchange done = steps.send("x", Map.of(MailOptions.SUBJECT, "hi\r\nBcc: victim@" + d));
            IllegalArgumentException e = assertInstanceOf(IllegalArgumentException.class, done.getException());
            assertTrue(e.getMessage().contains("header FerryMailSubject contains a line break"), e.getMessage());
            assertEquals(0, inbox("ops@" + d, 0).length);
            assertEquals(0, inbox("victim@" + d, 0).length);
        }
    }

    @Test
    void should_not_copy_exchange_headers_into_the_mail_or_the_session() throws Exception {
        String d = domain();
        try (Steps steps = Steps.java(uri("&from=ferry@" + d + "&to=ops@" + d))) {
            Exchange done = steps.send("x", Map.of("X-Secret", "internal", "mail.smtp.host", "evil.example",
                    "mail.smtp.port", "1", "Subject", "from a header"));
            assertNull(done.getException());

            MimeMessage got = inbox("ops@" + d, 1)[0];
            assertNull(got.getHeader("X-Secret"));
            assertNull(got.getSubject());
        }
    }

    @Test
    void should_share_one_connection_between_the_steps_of_an_exchange_and_keep_it_for_the_next() throws Exception {
        String d = domain();
        String step = uri("&from=ferry@" + d + "&to=ops@" + d);
        KeptConnection[] seen = new KeptConnection[3];
        try (Steps steps = Steps.routes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send")
                        .to(step).process(e -> seen[0] = connection(e))
                        .to(step).process(e -> seen[1] = connection(e));
                from("direct:again").to(step).process(e -> seen[2] = connection(e));
            }
        })) {
            assertNull(steps.send("twice", Map.of()).getException());
            assertNull(steps.context.createProducerTemplate().request("direct:again", e -> { }).getException());

            assertEquals(3, inbox("ops@" + d, 3).length);
            assertNotNull(seen[0]);
            assertTrue(seen[0] == seen[1], "the second step opened another connection");
            assertTrue(seen[0] == seen[2], "the next exchange opened another connection instead of the kept one");
            assertTrue(seen[0].connection().isOpen(), "the kept connection was closed");
        }
        assertTrue(!seen[0].connection().isOpen(), "the kept connection outlived the component");
    }

    @Test
    void should_close_the_connection_at_the_end_of_the_exchange_when_none_are_kept() throws Exception {
        String d = domain();
        String step = uri("&from=ferry@" + d + "&to=ops@" + d);
        KeptConnection[] seen = new KeptConnection[1];
        try (Steps steps = Steps.routes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to(step).process(e -> seen[0] = connection(e));
            }
        })) {
            steps.context.getComponent("smtplib", SmtpLibComponent.class).setPoolSize(0);
            assertNull(steps.send("once", Map.of()).getException());
            assertEquals(1, inbox("ops@" + d, 1).length);
            assertTrue(!seen[0].connection().isOpen(), "the connection outlived its exchange");
        }
    }

    @Test
    void should_open_a_fresh_connection_after_the_message_cap() throws Exception {
        String d = domain();
        String step = uri("&from=ferry@" + d + "&to=ops@" + d);
        java.util.Set<KeptConnection> used = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        try (Steps steps = Steps.routes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to(step).process(e -> used.add(connection(e)));
            }
        })) {
            steps.context.getComponent("smtplib", SmtpLibComponent.class).setMessagesPerConnection(2);
            for (int i = 0; i < 5; i++) {
                assertNull(steps.send("capped " + i, Map.of()).getException());
            }
            assertEquals(5, inbox("ops@" + d, 5).length);
            assertEquals(3, used.size(), "5 messages at 2 per connection");
        }
    }

    @Test
    void should_noop_then_quit_the_exchange_connection() throws Exception {
        String d = domain();
        String options = "&from=ferry@" + d + "&to=ops@" + d;
        String[] replies = new String[2];
        try (Steps steps = Steps.routes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send")
                        .to(uri(options))
                        .to("smtplib:noop?host=127.0.0.1&port=" + SERVER.port())
                        .process(e -> replies[0] = e.getMessage().getBody(String.class))
                        .to("smtplib:quit?host=127.0.0.1&port=" + SERVER.port())
                        .process(e -> replies[1] = e.getMessage().getBody(String.class));
            }
        })) {
            Exchange done = steps.send("then quit", Map.of());
            assertNull(done.getException());

            assertTrue(replies[0].startsWith("250"), replies[0]);
            assertTrue(replies[1].startsWith("221"), replies[1]);
            assertNull(connection(done));
            assertEquals(1, inbox("ops@" + d, 1).length);
        }
    }

    @Test
    void should_send_from_a_yaml_route() throws Exception {
        String d = domain();
        String parameters = """
                host: 127.0.0.1
                port: %d
                from: ferry@%s
                to: ops@%s
                subject: from YAML
                """.formatted(SERVER.port(), d, d);
        try (Steps steps = Steps.yaml("smtplib:sendmail", parameters)) {
            assertNull(steps.send("written in YAML", Map.of()).getException());

            MimeMessage got = inbox("ops@" + d, 1)[0];
            assertEquals("from YAML", got.getSubject());
            assertEquals("written in YAML", got.getContent());
        }
    }

    @Test
    void should_fail_with_a_connection_error_when_nothing_listens() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        try (Steps steps = Steps.java("smtplib:sendmail?host=127.0.0.1&timeout=2000&port=" + closed
                + "&from=a@x.example&to=b@x.example")) {
            SmtpConnectionException e = assertInstanceOf(SmtpConnectionException.class, steps.send("x", Map.of()).getException());
            assertEquals("connect", e.getOperation());
            assertEquals("127.0.0.1:" + closed, e.getServer());
        }
    }

    @Test
    void should_fail_when_starttls_is_required_and_not_offered() throws Exception {
        try (Steps steps = Steps.java(uri("&security=starttls&from=a@x.example&to=b@x.example"))) {
            SmtpException e = assertInstanceOf(SmtpException.class, steps.send("x", Map.of()).getException());
            assertEquals("starttls", e.getOperation());
            assertTrue(e.getMessage().contains("offers no STARTTLS"), e.getMessage());
        }
    }

    private static KeptConnection connection(Exchange e) {
        return e.getProperties().entrySet().stream()
                .filter(p -> p.getKey().startsWith(SmtpLibProducer.CONNECTION_PREFIX))
                .map(p -> (KeptConnection) p.getValue()).findFirst().orElse(null);
    }

    private static String raw(MimeMessage mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
