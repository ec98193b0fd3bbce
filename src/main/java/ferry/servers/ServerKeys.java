package ferry.servers;

import java.io.IOException;
import java.util.List;

import ferry.config.ConfigValues;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The settings of one named server: {@code server.<name>.<key>} (or {@code mail-server.<name>.<key>}), or for the
 * server named {@code default} the older flat keys ({@code ftp.host}, {@code smtp.host}, ...). Every problem is
 * collected, never thrown, so a check can report all of them at once.
 */
final class ServerKeys {

    private final PropertiesComponent pc;
    private final String prefix;
    private final java.util.Map<String, String> legacy;
    final List<String> problems = new java.util.ArrayList<>();

    /**
     * @param legacy for the default server: its flat key per setting ({@code host -> ftp.host}); else empty
     */
    ServerKeys(PropertiesComponent pc, String prefix, java.util.Map<String, String> legacy) {
        this.pc = pc;
        this.prefix = prefix;
        this.legacy = legacy;
    }

    /** The key a user sets for this setting (named in messages). */
    String key(String setting) {
        return legacy.isEmpty() ? prefix + setting : legacy.getOrDefault(setting, prefix + setting);
    }

    String value(String setting, String fallback) {
        if (!legacy.isEmpty() && !legacy.containsKey(setting)) {
            return fallback;
        }
        String v = ConfigValues.get(pc, key(setting));
        return v.isEmpty() ? fallback : v;
    }

    String required(String setting) {
        String v = value(setting, "");
        if (v.isEmpty()) {
            problems.add(key(setting) + " is not set");
        }
        return v;
    }

    String oneOf(String setting, String fallback, String... allowed) {
        String v = value(setting, fallback);
        if (!List.of(allowed).contains(v)) {
            problems.add(key(setting) + " = '" + v + "' is not allowed; use one of " + String.join(", ", allowed));
            return fallback;
        }
        return v;
    }

    int number(String setting, int fallback, int max) {
        String v = value(setting, String.valueOf(fallback));
        try {
            int n = Integer.parseInt(v);
            if (n < 0 || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            problems.add(key(setting) + " = '" + v + "' is not a whole number from 0 to " + max);
            return fallback;
        }
    }

    /**
     * The password: {@code .password} (a value, {@code {{env:NAME}}}) or the first line of {@code .password-file}.
     * The default server's {@code ftp.password-file} / {@code smtp.password-file} were read into its password at
     * startup ({@link DefaultPasswordFiles}), for every user of {@code ftp.password} alike.
     */
    String password() {
        String file = legacy.isEmpty() ? value("password-file", "") : "";
        if (file.isEmpty()) {
            return value("password", "");
        }
        if (!value("password", "").isEmpty()) {
            problems.add(key("password") + " and " + key("password-file") + " are both set; keep one");
        }
        try {
            return PasswordFile.read(file);
        } catch (IOException e) {
            // the file's name is no secret; its content is never shown
            problems.add(key("password-file") + " " + PasswordFile.unreadable(file, e));
            return "";
        }
    }
}
