package ferry.nntplib;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The nntplib operations an {@code nntplib:} endpoint can perform. */
public enum NntpOperation {
    LOGIN, GETWELCOME, GETCAPABILITIES, STARTTLS, LIST, DESCRIPTIONS, GROUP, NEWGROUPS, NEWNEWS, OVER, STAT, NEXT,
    LAST, HEAD, BODY, ARTICLE, POST, DATE, QUIT;

    public static NntpOperation of(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("nntplib:" + name + " is not an nntplib operation; use one of "
                    + Arrays.stream(values()).map(NntpOperation::step).collect(Collectors.joining(", ")), e);
        }
    }

    /** Can it run before AUTHINFO (so a route can call starttls before login, as nntplib requires)? */
    public boolean beforeLogin() {
        return this == GETWELCOME || this == GETCAPABILITIES || this == STARTTLS || this == DATE || this == QUIT;
    }

    public String step() {
        return name().toLowerCase(Locale.ROOT);
    }
}
