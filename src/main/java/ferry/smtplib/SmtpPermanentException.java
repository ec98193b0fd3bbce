package ferry.smtplib;

import java.util.Map;

/** The server refused for good (5xx reply), like smtplib's SMTPResponseException with a 5xx code: do not retry. */
public class SmtpPermanentException extends SmtpException {

    public SmtpPermanentException(String operation, String server, int replyCode, String replyText, Throwable cause) {
        this(operation, server, replyCode, replyText, "refused", Map.of(), cause);
    }

    /** A refusal that is not a reply, such as a TLS certificate not accepted; {@code problem} says what and why. */
    public SmtpPermanentException(String operation, String server, String problem, Throwable cause) {
        this(operation, server, 0, null, problem, Map.of(), cause);
    }

    protected SmtpPermanentException(String operation, String server, int replyCode, String replyText, String problem,
                                     Map<String, String> refused, Throwable cause) {
        super(operation, server, replyCode, replyText, problem, refused, cause);
    }
}
