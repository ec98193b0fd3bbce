package ferry.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import io.vertx.core.json.JsonObject;

/** One line per file or flow, as the commands print them; control characters in names are shown escaped. */
final class Lines {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private Lines() {
    }

    static String file(JsonObject f) {
        String reason = f.getString("reason", f.getString("lastReply"));
        return String.format("%-9s %-12s %s  %s  %s%s", f.getString("state", "waiting"), f.getString("flow"),
                time(f.getLong("updated", f.getLong("since", 0L))), shortId(f.getString("id")), printable(f.getString("name")),
                reason == null ? "" : "  (" + printable(reason) + ")");
    }

    static String time(long millis) {
        return millis <= 0 ? "-" : TIME.format(Instant.ofEpochMilli(millis));
    }

    static String shortId(String id) {
        return id == null ? "-" : id.substring(0, Math.min(12, id.length()));
    }

    /** A name as text on a terminal: CR, LF, ESC and other controls appear as \\uXXXX, never act. */
    static String printable(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }
}
