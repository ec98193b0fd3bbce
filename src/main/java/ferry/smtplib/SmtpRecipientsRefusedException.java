package ferry.smtplib;

import java.util.Map;

/** Every recipient was refused (smtplib's SMTPRecipientsRefused); {@link #getRefused()} names each with its reply. */
public class SmtpRecipientsRefusedException extends SmtpPermanentException {

    public SmtpRecipientsRefusedException(String operation, String server, int replyCode, String replyText,
                                          Map<String, String> refused, Throwable cause) {
        super(operation, server, replyCode, replyText, "all recipients refused " + refused, refused, cause);
    }
}
