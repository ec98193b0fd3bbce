package ferry.smtplib;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides AUTH credentials in a protocol trace: the initial response after {@code AUTH <mechanism>} and every
 * client line of the exchange that follows, until the server accepts or refuses. Stateful: one per conversation.
 */
final class CredentialMask {

    static final String MASK = "********";
    private static final Pattern AUTH = Pattern.compile("^(.*?\\bAUTH\\s+[A-Za-z0-9_-]+)(\\s+\\S+)?\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern REPLY = Pattern.compile("^\\d{3}([ -].*)?$");

    private boolean inAuth;

    String apply(String line) {
        String trimmed = line.strip();
        if (trimmed.toUpperCase(Locale.ROOT).startsWith("DEBUG")) {
            return line;
        }
        Matcher auth = AUTH.matcher(trimmed);
        if (auth.matches() && !trimmed.startsWith("250")) {
            inAuth = true;
            return auth.group(2) == null ? trimmed : auth.group(1) + " " + MASK;
        }
        if (!inAuth) {
            return line;
        }
        if (REPLY.matcher(trimmed).matches()) {
            // 334 is a challenge: the exchange goes on; anything else ends it
            inAuth = trimmed.startsWith("334");
            return line;
        }
        return MASK;
    }
}
