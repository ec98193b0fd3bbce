package ferry.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses sizes such as {@code 20MB}, {@code 512KB} or {@code 1048576} (units are powers of 1024). */
public final class DataSize {

    private static final Pattern SIZE = Pattern.compile("\\s*(\\d+)\\s*(B|KB|MB|GB|TB)?\\s*");

    private DataSize() {
    }

    public static long parse(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text.toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size (expected a number with B, KB, MB, GB or TB)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        int shift = switch (unit) {
            case "KB" -> 10;
            case "MB" -> 20;
            case "GB" -> 30;
            case "TB" -> 40;
            default -> 0;
        };
        return n << shift;
    }

    /** A human size for messages: 1.5 MiB, 312 bytes. */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        // one decimal by hand: String.format's Formatter cost more than the rest of a small file's mail text
        long tenths = Math.round(v * 10);
        return tenths / 10 + "." + tenths % 10 + " " + units[i] + " (" + bytes + " bytes)";
    }
}
