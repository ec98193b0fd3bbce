package ferry.routes;

/** Makes a file name safe to put in a mail header or text: no CR, LF or other control characters (no header injection). */
final class MailHeaders {

    private MailHeaders() {
    }

    static String safe(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(value.length());
        value.codePoints().forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? '_' : c));
        return sb.toString();
    }
}
