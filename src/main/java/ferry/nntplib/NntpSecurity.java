package ferry.nntplib;

import java.util.Locale;

/** Transport security: none, STARTTLS (required: no fallback to clear text), or TLS from the first byte (NNTP_SSL). */
public enum NntpSecurity {
    NONE, STARTTLS, SSL;

    public static NntpSecurity of(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("nntplib security '" + name + "' is not known; use none, starttls or ssl", e);
        }
    }
}
