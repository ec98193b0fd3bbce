package ferry.nntplib;

import java.util.Map;

/**
 * One OVER line, like nntplib's over(): the article number and its fields by lower-case name ({@code subject},
 * {@code from}, {@code date}, {@code message-id}, {@code references}, {@code :bytes}, {@code :lines}, then the
 * server's extra ones such as {@code xref}).
 */
public record Overview(long number, Map<String, String> fields) {

    public String subject() {
        return fields.get("subject");
    }

    public String messageId() {
        return fields.get("message-id");
    }
}
