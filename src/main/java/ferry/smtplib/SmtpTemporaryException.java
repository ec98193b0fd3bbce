package ferry.smtplib;

import java.util.Map;

/** The server sent a temporary failure (4xx reply): worth retrying later. */
public class SmtpTemporaryException extends SmtpException {

    public SmtpTemporaryException(String operation, String server, int replyCode, String replyText,
                                  Map<String, String> refused, Throwable cause) {
        super(operation, server, replyCode, replyText, "temporary failure", refused, cause);
    }
}
