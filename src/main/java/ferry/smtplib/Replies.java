package ferry.smtplib;

/** Server replies written one way everywhere: "550 5.1.1 text", on one line. */
final class Replies {

    private Replies() {
    }

    static String withCode(int code, String text) {
        String reply = text == null ? "" : text.strip().replaceAll("\\s*\\r?\\n\\s*", " ");
        // Angus and commons-net keep the code in the text; some callers have only the text
        return reply.startsWith(String.valueOf(code)) ? reply : (code + " " + reply).strip();
    }

    /** A failure reply becomes the exception smtplib would raise for it (4xx temporary, else permanent). */
    static SmtpException failure(String operation, String server, int code, String text, Throwable cause) {
        if (code >= 400 && code < 500) {
            return new SmtpTemporaryException(operation, server, code, text, null, cause);
        }
        if (code >= 500 && code < 600) {
            return new SmtpPermanentException(operation, server, code, text, cause);
        }
        return new SmtpException(operation, server, code, text, "unexpected reply", null, cause);
    }

    /** Nobody got the message: smtplib's SMTPRecipientsRefused, or a temporary failure when every refusal was 4xx. */
    static SmtpException allRefused(String operation, String server, java.util.Map<String, String> refused) {
        String first = refused.values().iterator().next();
        int code = codeOf(first);
        boolean temporary = refused.values().stream().allMatch(r -> codeOf(r) / 100 == 4);
        if (temporary) {
            return new SmtpTemporaryException(operation, server, code, first, refused, null);
        }
        String permanent = refused.values().stream().filter(r -> codeOf(r) / 100 != 4).findFirst().orElse(first);
        return new SmtpRecipientsRefusedException(operation, server, codeOf(permanent), permanent, refused, null);
    }

    static int codeOf(String reply) {
        return reply != null && reply.length() >= 3 && reply.substring(0, 3).chars().allMatch(Character::isDigit)
                ? Integer.parseInt(reply.substring(0, 3)) : 0;
    }
}
