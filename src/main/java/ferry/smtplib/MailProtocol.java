package ferry.smtplib;

import java.util.Locale;

/** Which dialect a step speaks: SMTP (smtplib.SMTP / SMTP_SSL) or LMTP (smtplib.LMTP, local delivery). */
public enum MailProtocol {
    SMTP, LMTP;

    public static MailProtocol of(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("smtplib protocol '" + name + "' is not known; use smtp or lmtp", e);
        }
    }
}
