package ferry.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few settings the command line needs (where the console listens, its token, the ledger), read as Ferry
 * reads them: config/application.properties under the home folder, overridden by {@code -Dkey=value} and by
 * the environment ({@code FERRY_CONSOLE_TOKEN} for {@code ferry.console.token}), placeholders resolved.
 */
final class Settings {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}]+)}}");

    private final Properties file = new Properties();
    private final Path home;

    Settings(Path home) throws IOException {
        this.home = home;
        Path config = home.resolve("config").resolve("application.properties");
        if (!Files.exists(config)) {
            throw new IOException(config + " not found: start from Ferry's folder, or name it with --home DIR or FERRY_HOME");
        }
        try (Reader in = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
            file.load(in);
        }
    }

    String get(String key) {
        String value = System.getProperty(key);
        if (value == null) {
            value = System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        if (value == null) {
            value = "ferry.home".equals(key) ? home.toString() : file.getProperty(key, "");
        }
        Matcher m = PLACEHOLDER.matcher(value.trim());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(get(m.group(1).split(":", 2)[0].trim())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A folder setting, relative to the home folder. */
    Path path(String key) {
        return home.resolve(get(key)).toAbsolutePath().normalize();
    }
}
