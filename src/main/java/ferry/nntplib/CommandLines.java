package ferry.nntplib;

/** Anything that becomes part of an NNTP command line: a CR or LF in it would smuggle in a second command. */
final class CommandLines {

    private CommandLines() {
    }

    /** Returns {@code value}; rejects it, naming {@code what}, when it holds CR, LF or NUL. */
    static String check(String what, String value) {
        if (value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0)) {
            throw new IllegalArgumentException("nntplib: " + what + " must not contain CR, LF or NUL (it would end the"
                    + " NNTP command line early)");
        }
        return value;
    }

    /** An article argument: a number or a Message-ID in angle brackets; blank means the current article. */
    static String article(String value) {
        check("article", value);
        if (value == null || value.isBlank()) {
            return null;
        }
        String a = value.strip();
        if (a.matches("\\d+") || (a.startsWith("<") && a.endsWith(">") && a.indexOf(' ') < 0 && a.length() > 2)) {
            return a;
        }
        throw new IllegalArgumentException("nntplib: article '" + a + "' is neither an article number nor a Message-ID"
                + " in angle brackets (<id@host>)");
    }
}
