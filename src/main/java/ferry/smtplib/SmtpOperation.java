package ferry.smtplib;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The smtplib operations an {@code smtplib:} endpoint can perform. */
public enum SmtpOperation {
    SENDMAIL, NOOP, QUIT;

    public static SmtpOperation of(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("smtplib:" + name + " is not an smtplib operation; use one of "
                    + Arrays.stream(values()).map(SmtpOperation::step).collect(Collectors.joining(", ")), e);
        }
    }

    public String step() {
        return name().toLowerCase(Locale.ROOT);
    }
}
