package ferry.smtplib;

import jakarta.mail.Session;

/** One open SMTP or LMTP conversation, like an {@code smtplib.SMTP} object; one exchange uses it at a time. */
interface MailConnection extends AutoCloseable {

    /** The session messages for this connection are built with. */
    Session session();

    String server();

    /** Sends one message to its envelope; returns the refused recipients, or throws when nobody got it. */
    SendResult send(OutgoingMail mail) throws SmtpException;

    String noop() throws SmtpException;

    /** Says goodbye and closes, whatever the server answers. */
    String quit();

    boolean isOpen();

    @Override
    void close();
}
