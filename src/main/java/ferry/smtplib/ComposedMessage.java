package ferry.smtplib;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.UUID;

import jakarta.mail.MessagingException;
import org.apache.commons.io.output.NullOutputStream;
import org.apache.commons.io.output.ThresholdingOutputStream;
import jakarta.mail.Session;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * A message Ferry builds; its Message-ID is the one the route asked for (the same on every attempt, so a resend can
 * be recognised) or a fresh one naming the sender's domain, not this machine's host name.
 */
final class ComposedMessage extends SMTPMessage {

    /** Messages up to this size are encoded once: measured for SIZE= and then sent from the same bytes. */
    private static final int KEPT_BYTES = 1 << 20;

    private final String domain;
    private final String messageId;
    // the message as sent (without OutgoingMail.NOT_SENT), kept from measuring it until it is sent or changed
    private byte[] asSent;

    ComposedMessage(Session session, String domain, String messageId) {
        super(session);
        this.domain = domain;
        this.messageId = messageId;
    }

    /**
     * The message's size as sent. A small one is encoded once here and kept, so sending it does not base64-encode
     * the attachment a second time; a large one is only counted (its bytes would crowd a small heap).
     */
    long sizeAsSent() throws IOException, MessagingException {
        ByteArrayOutputStream kept = new ByteArrayOutputStream(8192);
        boolean[] tooBig = {false};
        // past the limit the bytes go nowhere and are only counted
        ThresholdingOutputStream out = new ThresholdingOutputStream(KEPT_BYTES, s -> tooBig[0] = true,
                s -> tooBig[0] ? NullOutputStream.INSTANCE : kept);
        super.writeTo(out, OutgoingMail.NOT_SENT);
        asSent = tooBig[0] ? null : kept.toByteArray();
        return out.getByteCount();
    }

    @Override
    public void writeTo(OutputStream os, String[] ignoreList) throws IOException, MessagingException {
        if (asSent != null && Arrays.equals(ignoreList, OutgoingMail.NOT_SENT)) {
            os.write(asSent);
        } else {
            super.writeTo(os, ignoreList);
        }
    }

    @Override
    protected void updateHeaders() throws MessagingException {
        // a changed message (the transport may convert parts to 8 bit) is written afresh
        asSent = null;
        super.updateHeaders();
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId != null ? messageId : "<" + UUID.randomUUID() + ".ferry@" + domain + ">");
    }
}
