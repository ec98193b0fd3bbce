package ferry.smtplib;

import java.util.Locale;

import org.eclipse.angus.mail.smtp.SMTPMessage;

/** The step's ESMTP options (DSN, 8BITMIME) set on a message; Angus uses each only where the server offers it. */
final class EsmtpOptions {

    private EsmtpOptions() {
    }

    static void apply(SMTPMessage message, SmtpLibEndpoint e) {
        message.setAllow8bitMIME(e.isEightBitMime());
        if (e.getDsnNotify() != null && !e.getDsnNotify().isBlank()) {
            message.setNotifyOptions(notify(e.getDsnNotify()));
        }
        if (e.getDsnRet() != null && !e.getDsnRet().isBlank()) {
            message.setReturnOption(switch (e.getDsnRet().trim().toUpperCase(Locale.ROOT)) {
                case "FULL" -> SMTPMessage.RETURN_FULL;
                case "HDRS" -> SMTPMessage.RETURN_HDRS;
                default -> throw new IllegalArgumentException("smtplib: dsnRet '" + e.getDsnRet()
                        + "' is not known; use FULL or HDRS");
            });
        }
    }

    static int notify(String value) {
        int flags = 0;
        for (String word : value.split(",")) {
            flags |= switch (word.trim().toUpperCase(Locale.ROOT)) {
                case "NEVER" -> SMTPMessage.NOTIFY_NEVER;
                case "SUCCESS" -> SMTPMessage.NOTIFY_SUCCESS;
                case "FAILURE" -> SMTPMessage.NOTIFY_FAILURE;
                case "DELAY" -> SMTPMessage.NOTIFY_DELAY;
                default -> throw new IllegalArgumentException("smtplib: dsnNotify '" + value
                        + "' is not known; use NEVER or a comma list of SUCCESS, FAILURE, DELAY");
            };
        }
        if (flags != SMTPMessage.NOTIFY_NEVER && (flags & SMTPMessage.NOTIFY_NEVER) != 0) {
            throw new IllegalArgumentException("smtplib: dsnNotify NEVER cannot be combined with other values");
        }
        return flags;
    }
}
