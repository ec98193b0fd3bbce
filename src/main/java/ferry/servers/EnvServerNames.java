package ferry.servers;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The servers defined only in the environment: {@code SERVER_ACME_HOST=...} defines server {@code acme},
 * {@code MAIL_SERVER_DESK_HOST=...} mail server {@code desk}. Camel already finds {@code server.acme.host} in
 * {@code SERVER_ACME_HOST} (the key upper-cased, dots and dashes as underscores), but no property lists the
 * variable, so the names are read here. A variable counts when it ends in one of the server keys (the longest
 * one wins: {@code _TRUST_STORE_PASSWORD} before {@code _PASSWORD}); the rest is the name, lower-cased with its
 * underscores as dashes, which is how Camel finds the variables again ({@code SERVER_MY_ACME_HOST}: {@code my-acme}).
 */
final class EnvServerNames {

    private static final Pattern NAME = Pattern.compile("[A-Z0-9]+(_[A-Z0-9]+)*");

    private EnvServerNames() {
    }

    /**
     * @param prefix the property prefix ({@code server.}, {@code mail-server.})
     * @param keys   the keys a server of that kind has ({@code host}, {@code password-file}, ...)
     */
    static SortedSet<String> names(Map<String, String> env, String prefix, List<String> keys) {
        String start = envForm(prefix);
        List<String> suffixes = keys.stream().map(k -> "_" + envForm(k))
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        SortedSet<String> names = new TreeSet<>();
        for (String variable : env.keySet()) {
            if (!variable.startsWith(start)) {
                continue;
            }
            String rest = variable.substring(start.length());
            for (String suffix : suffixes) {
                if (rest.endsWith(suffix)) {
                    String name = rest.substring(0, rest.length() - suffix.length());
                    // SERVER_PORT (a name-less variable many images set) defines nothing
                    if (NAME.matcher(name).matches()) {
                        names.add(name.toLowerCase(Locale.ROOT).replace('_', '-'));
                    }
                    break;
                }
            }
        }
        return names;
    }

    /** The environment variable Camel reads for a key (and how two names that share variables are compared). */
    static String envForm(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
