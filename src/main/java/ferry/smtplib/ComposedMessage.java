package ferry.smtplib;

import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/** A message Ferry builds; its Message-ID names the sender's domain, not this machine's host name. */
final class ComposedMessage extends SMTPMessage {

    private final String domain;

    ComposedMessage(Session session, String domain) {
        super(session);
        this.domain = domain;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", "<" + UUID.randomUUID() + ".ferry@" + domain + ">");
    }
}
