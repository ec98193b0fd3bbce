package ferry.smtplib;

import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * A message Ferry builds; its Message-ID is the one the route asked for (the same on every attempt, so a resend can
 * be recognised) or a fresh one naming the sender's domain, not this machine's host name.
 */
final class ComposedMessage extends SMTPMessage {

    private final String domain;
    private final String messageId;

    ComposedMessage(Session session, String domain, String messageId) {
        super(session);
        this.domain = domain;
        this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId != null ? messageId : "<" + UUID.randomUUID() + ".ferry@" + domain + ">");
    }
}
