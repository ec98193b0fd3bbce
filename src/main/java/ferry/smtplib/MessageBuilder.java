package ferry.smtplib;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import org.apache.camel.Exchange;
import org.apache.camel.attachment.Attachment;
import org.apache.camel.attachment.AttachmentMessage;

/**
 * Builds an RFC 5322 message from the step's options and the exchange: the body is the text, or a file to attach;
 * Camel attachments become parts too. Attachments are base64 (bytes unchanged) and streamed from their source.
 */
final class MessageBuilder {

    private MessageBuilder() {
    }

    static OutgoingMail compose(Exchange exchange, MailOptions o, Session session) throws MessagingException {
        List<InternetAddress> from = Addresses.parse("from", o.from());
        if (from.size() != 1) {
            throw new IllegalArgumentException("smtplib:sendmail needs exactly one sender: the from option or the "
                    + MailOptions.FROM + " header");
        }
        List<InternetAddress> to = Addresses.parse("to", o.to());
        List<InternetAddress> cc = Addresses.parse("cc", o.cc());
        List<InternetAddress> bcc = Addresses.parse("bcc", o.bcc());

        InternetAddress sender = from.get(0);
        String address = sender.getAddress();
        ComposedMessage message = new ComposedMessage(session, address.contains("@")
                ? address.substring(address.indexOf('@') + 1) : "localhost",
                MailOptions.checked("header " + SmtpLibProducer.SET_MESSAGE_ID,
                        exchange.getMessage().getHeader(SmtpLibProducer.SET_MESSAGE_ID, String.class)));
        message.setFrom(sender);
        if (!to.isEmpty()) {
            message.setRecipients(Message.RecipientType.TO, to.toArray(InternetAddress[]::new));
        }
        if (!cc.isEmpty()) {
            message.setRecipients(Message.RecipientType.CC, cc.toArray(InternetAddress[]::new));
        }
        // Bcc recipients are in the envelope only: no Bcc header is ever written
        if (o.subject() != null) {
            message.setSubject(o.subject(), StandardCharsets.UTF_8.name());
        }
        message.setSentDate(new Date());
        fill(message, exchange, o);
        message.saveChanges();

        List<String> recipients = new ArrayList<>();
        recipients.addAll(Addresses.bare(to));
        recipients.addAll(Addresses.bare(cc));
        recipients.addAll(Addresses.bare(bcc));
        return new OutgoingMail(Envelope.from(o, address), Envelope.recipients(o, recipients), message, null, null);
    }

    private static void fill(ComposedMessage message, Exchange exchange, MailOptions o) throws MessagingException {
        File file = Bodies.file(exchange.getMessage().getBody());
        AttachmentMessage withAttachments = exchange.getMessage(AttachmentMessage.class);
        Map<String, Attachment> attachments = withAttachments.hasAttachments()
                ? withAttachments.getAttachmentObjects() : Map.of();
        String text = file != null ? o.text() : exchange.getMessage().getBody(String.class);
        if (file == null && attachments.isEmpty()) {
            message.setText(crlf(text), StandardCharsets.UTF_8.name());
            return;
        }
        MimeMultipart mixed = new MimeMultipart("mixed");
        if (text != null && !text.isEmpty()) {
            MimeBodyPart part = new MimeBodyPart();
            part.setText(crlf(text), StandardCharsets.UTF_8.name());
            mixed.addBodyPart(part);
        }
        if (file != null) {
            String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, file.getName(), String.class);
            MimeBodyPart part = new MimeBodyPart();
            try {
                part.attachFile(file, null, "base64");
            } catch (IOException e) {
                throw new IllegalArgumentException("smtplib:sendmail: cannot attach " + file + ": " + e.getMessage(), e);
            }
            part.setFileName(MailOptions.checked("attachment name", name));
            mixed.addBodyPart(part);
        }
        for (Map.Entry<String, Attachment> a : attachments.entrySet()) {
            mixed.addBodyPart(attachment(a.getKey(), a.getValue().getDataHandler()));
        }
        message.setContent(mixed);
    }

    private static MimeBodyPart attachment(String name, DataHandler data) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(data);
        part.setDisposition(Part.ATTACHMENT);
        part.setFileName(MailOptions.checked("attachment name", name));
        // 7bit or quoted-printable could alter line ends; base64 keeps every byte
        part.setHeader("Content-Transfer-Encoding", "base64");
        return part;
    }

    private static String crlf(String text) {
        return text == null ? "" : text.replaceAll("\r?\n", "\r\n");
    }
}
