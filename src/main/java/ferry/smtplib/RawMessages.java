package ferry.smtplib;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;
import jakarta.mail.util.SharedFileInputStream;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * A message that is already MIME (a MimeMessage body, or with raw=true the bytes of an RFC 5322 message), sent as
 * given. Files are read in place and streams spooled to a temporary file, so a large message is never held in memory.
 */
final class RawMessages {

    private RawMessages() {
    }

    static OutgoingMail read(Exchange exchange, MailOptions o, Session session)
            throws MessagingException, IOException, InvalidPayloadException {
        Object body = exchange.getMessage().getBody();
        Path spool = null;
        InputStream source;
        if (body instanceof SMTPMessage ready) {
            return envelope(ready, o, null, null);
        }
        if (body instanceof MimeMessage given) {
            spool = spool(out -> given.writeTo(out));
            source = new SharedFileInputStream(spool.toFile());
        } else if (Bodies.file(body) != null) {
            source = new SharedFileInputStream(Bodies.file(body));
        } else if (body instanceof byte[] bytes) {
            source = new SharedByteArrayInputStream(bytes);
        } else if (body instanceof String text) {
            source = new SharedByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        } else {
            InputStream in = exchange.getMessage().getMandatoryBody(InputStream.class);
            spool = spool(out -> in.transferTo(out));
            source = new SharedFileInputStream(spool.toFile());
        }
        try {
            return envelope(new SMTPMessage(session, source), o, source, spool);
        } catch (MessagingException | RuntimeException e) {
            new OutgoingMail("", List.of(), null, source, spool).close();
            throw e;
        }
    }

    /** smtplib's send_message: the envelope options when set, otherwise the message's own From and To/Cc/Bcc. */
    private static OutgoingMail envelope(SMTPMessage message, MailOptions o, Closeable source, Path spool)
            throws MessagingException {
        String from = o.envelopeFrom() != null || o.from() != null
                ? Envelope.from(o, Addresses.bare(Addresses.parse("from", o.from())).stream().findFirst().orElse(null))
                : first(message.getSender() != null ? new Address[] {message.getSender()} : message.getFrom());
        if (from == null) {
            throw new IllegalArgumentException("smtplib:sendmail: the raw message has no From and no envelopeFrom is set");
        }
        List<String> fromHeaders = new ArrayList<>();
        if (o.to() != null || o.cc() != null || o.bcc() != null) {
            fromHeaders.addAll(Addresses.bare(Addresses.parse("to", o.to())));
            fromHeaders.addAll(Addresses.bare(Addresses.parse("cc", o.cc())));
            fromHeaders.addAll(Addresses.bare(Addresses.parse("bcc", o.bcc())));
        } else if (message.getAllRecipients() != null) {
            Arrays.stream(message.getAllRecipients()).map(a -> ((InternetAddress) a).getAddress()).forEach(fromHeaders::add);
        }
        return new OutgoingMail(from, Envelope.recipients(o, fromHeaders), message, source, spool);
    }

    private static String first(Address[] addresses) {
        return addresses == null || addresses.length == 0 ? null : ((InternetAddress) addresses[0]).getAddress();
    }

    @FunctionalInterface
    private interface Writing {
        void to(OutputStream out) throws IOException, MessagingException;
    }

    private static Path spool(Writing writing) throws IOException, MessagingException {
        Path file = Files.createTempFile("ferry-mail-", ".eml");
        try (OutputStream out = Files.newOutputStream(file)) {
            writing.to(out);
            return file;
        } catch (IOException | MessagingException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }
}
