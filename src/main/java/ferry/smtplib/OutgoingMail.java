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
