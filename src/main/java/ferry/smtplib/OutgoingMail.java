package ferry.smtplib;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * A message ready to go: the envelope (separate from the headers, as in smtplib's sendmail), the message, and
 * what to release once it is sent (the stream a raw message is read from, a spool file).
 */
record OutgoingMail(String envelopeFrom, List<String> recipients, SMTPMessage message, Closeable source, Path spool)
        implements AutoCloseable {

    /** Headers never sent: Bcc is in the envelope only, and the length is the transport's business. */
    static final String[] NOT_SENT = {"Bcc", "Content-Length"};

    /** The message's size as sent, for MAIL FROM's SIZE= (SMTP and LMTP alike). */
    long size(String operation, String server) throws SmtpException {
        try {
            if (message instanceof ComposedMessage composed) {
                return composed.sizeAsSent();
            }
        } catch (IOException | jakarta.mail.MessagingException e) {
            throw new SmtpException(operation, server, 0, null, "cannot read the message: " + e.getMessage(), null, e);
        }
        try (org.apache.commons.io.output.CountingOutputStream counter = new org.apache.commons.io.output.CountingOutputStream(
                org.apache.commons.io.output.NullOutputStream.INSTANCE)) {
            message.writeTo(counter, NOT_SENT);
            return counter.getByteCount();
        } catch (IOException | jakarta.mail.MessagingException e) {
            throw new SmtpException(operation, server, 0, null, "cannot read the message: " + e.getMessage(), null, e);
        }
    }

    @Override
    public void close() {
        try {
            if (source != null) {
                source.close();
            }
            if (spool != null) {
                Files.deleteIfExists(spool);
            }
        } catch (IOException e) {
            // the mail went (or failed) already; a leftover temporary file is harmless
        }
    }
}
