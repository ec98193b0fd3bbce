package ferry.smtplib;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Base of Ferry's mail errors, mirroring Python's smtplib ({@code SMTPException}): each carries the
 * operation, the server, the reply code and text where the server answered, and the refused recipients.
 */
public class SmtpException extends Exception {

    private final String operation;
    private final String server;
    private final int replyCode;
    private final String replyText;
    private final Map<String, String> refused;

    public SmtpException(String operation, String server, int replyCode, String replyText, String problem,
                         Map<String, String> refused, Throwable cause) {
        super(describe(operation, server, replyCode, replyText, problem), cause);
        this.operation = operation;
        this.server = server;
        this.replyCode = replyCode;
        this.replyText = replyText;
        this.refused = refused == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(refused));
    }

    public String getOperation() {
        return operation;
    }

    public String getServer() {
        return server;
    }

    /** The SMTP/LMTP reply code, or 0 where the server gave none (connection errors). */
    public int getReplyCode() {
        return replyCode;
    }

    public String getReplyText() {
        return replyText;
    }

    /** Recipients the server refused, each with its reply (smtplib's dict); empty when none is known. */
    public Map<String, String> getRefused() {
        return refused;
    }

    private static String describe(String operation, String server, int code, String text, String problem) {
        StringBuilder sb = new StringBuilder(operation).append(" failed on ").append(server).append(": ").append(problem);
        if (code > 0) {
            sb.append(": ").append(Replies.withCode(code, text));
        }
        return sb.toString();
    }
}
