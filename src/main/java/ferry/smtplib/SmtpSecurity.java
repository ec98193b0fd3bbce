package ferry.smtplib;

import java.util.Locale;

/** Transport security: none, STARTTLS (required: no fallback to clear text), or TLS from the first byte (SMTP_SSL). */
public enum SmtpSecurity {
    NONE, STARTTLS, SSL;

    public static SmtpSecurity of(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("smtplib security '" + name + "' is not known; use none, starttls or ssl", e);
        }
    }
}
