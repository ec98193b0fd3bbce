package ferry.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ferry.servers.Servers;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is the reference of config/application.properties: every key the file sets is documented
 * there, and every key documented there is one the file sets (a pattern such as {@code server.<name>.host} or a
 * family such as {@code nntp.*} stands for the keys it names; a named server's block, {@code server.<name>.*}, is not in
 * the file, and its row lists exactly the keys Ferry reads in one).
 */
class ConfigurationReferenceTest {

    private static final Path CONFIG = Path.of("config/application.properties");
    private static final Path REFERENCE = Path.of("docs/configuration.md");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    // the families the file leaves to the user (one block per named server), with the keys Ferry reads in a block
    private static final Map<String, List<String>> NAMED_SERVERS = Map.of(Servers.FTP_PREFIX + "<name>.*", Servers.FTP_KEYS,
            Servers.MAIL_PREFIX + "<name>.*", Servers.MAIL_KEYS);
    private static final Pattern LISTED = Pattern.compile("\\(([^)]+)\\)");

    @Test
    void should_document_every_key_of_the_configuration_file() throws IOException {
        Set<String> documented = documentedKeys();
        Set<String> missing = new TreeSet<>();
        for (String key : configuredKeys()) {
            if (!covers(documented, key)) {
                missing.add(key);
            }
        }
        assertTrue(missing.isEmpty(), "keys of " + CONFIG + " that " + REFERENCE + " does not document: " + missing);
    }

    @Test
    void should_document_only_keys_the_configuration_file_has() throws IOException {
        Set<String> configured = configuredKeys();
        Set<String> unknown = new TreeSet<>();
        for (String key : documentedKeys()) {
            boolean pattern = key.contains("<") || key.endsWith(".*");
            String prefix = key.endsWith(".*") ? key.substring(0, key.length() - 1) : key;
            boolean known = pattern
                    ? configured.stream().anyMatch(k -> key.endsWith(".*") ? k.startsWith(prefix) : matchesPattern(key, k))
                            || NAMED_SERVERS.containsKey(key)
                    : configured.contains(key);
            if (!known) {
                unknown.add(key);
            }
        }
        assertTrue(unknown.isEmpty(), REFERENCE + " documents keys that " + CONFIG + " does not have: " + unknown);
    }

    @Test
    void should_list_the_keys_a_named_server_block_takes() throws IOException {
        List<String> lines = Files.readAllLines(REFERENCE);
        for (Map.Entry<String, List<String>> family : NAMED_SERVERS.entrySet()) {
            String row = lines.stream().filter(l -> l.startsWith("| `" + family.getKey() + "`")).findFirst().orElse(null);
            assertNotNull(row, REFERENCE + " has no row for " + family.getKey());
            // "(protocol, host, port, username, password or password-file, ...)" in the row's description
            Matcher listed = LISTED.matcher(row);
            assertTrue(listed.find(), "the row for " + family.getKey() + " lists no keys in parentheses: " + row);
            Set<String> documented = new TreeSet<>(List.of(listed.group(1).trim().split("\\s*,\\s*|\\s+or\\s+")));
            assertEquals(new TreeSet<>(family.getValue()), documented, "the keys of a " + family.getKey() + " block");
        }
    }

    private static boolean covers(Set<String> documented, String key) {
        for (String doc : documented) {
            if (doc.equals(key) || (doc.endsWith(".*") && key.startsWith(doc.substring(0, doc.length() - 1)))
                    || (doc.contains("<") && matchesPattern(doc, key))) {
                return true;
            }
        }
        return false;
    }

    /** {@code server.<name>.host} matches {@code server.acme.host}. */
    private static boolean matchesPattern(String pattern, String key) {
        String regex = Pattern.quote(pattern).replaceAll("<[^>]+>", "\\\\E[^.]+\\\\Q");
        return key.matches(regex);
    }

    private static Set<String> configuredKeys() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(CONFIG)) {
            properties.load(reader);
        }
        return new TreeSet<>(properties.stringPropertyNames());
    }

    /**
     * The keys in the first column of the reference's tables; {@code `a.b.c` / `.d`} and {@code (+ `.d`)} name
     * {@code a.b.d} too.
     */
    private static Set<String> documentedKeys() throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        List<String> lines = Files.readAllLines(REFERENCE);
        for (String line : lines) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String cell = line.substring(1, line.indexOf('|', 1));
            Matcher m = CODE.matcher(cell);
            String first = null;
            while (m.find()) {
                String token = m.group(1).trim();
                if (first == null) {
                    first = token;
                    keys.add(token);
                } else if (token.startsWith(".")) {
                    keys.add(first.substring(0, first.lastIndexOf('.')) + token);
                } else {
                    keys.add(token);
                }
            }
        }
        return keys;
    }
}
