package ferry.smtplib;

import java.util.Map;

/** What sendmail returns: the refused recipients with their replies (smtplib's dict) and the server's final reply. */
public record SendResult(Map<String, String> refused, int replyCode, String replyText) {
}
