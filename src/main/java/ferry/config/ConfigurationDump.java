package ferry.config;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.util.SensitiveUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every setting as Ferry runs with it, one line a key, at DEBUG and after the banner. Camel's own "Auto-configuration
 * summary" (camel.main.auto-configuration-log-summary, off) was some 120 lines at INFO before the banner, burying the
 * start, and named only the camel.* keys. Secrets are masked.
 */
public class ConfigurationDump extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationDump.class);
    // Camel's list covers password, passphrase, secret, token, ...; a "-file" naming where a secret is kept is not one
    private static final Pattern SECRET = Pattern.compile(".*(password|passphrase|secret|token|credential).*");

    @Override
    public void afterStart(BaseMainSupport main) {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        PropertiesComponent pc = main.getCamelContext().getPropertiesComponent();
        Map<String, String> settings = new TreeMap<>();
        // the keys of the file and Ferry's overrides; each value as resolved now (-D and the environment win, and the
        // ports the embedded servers bound)
        pc.loadProperties().stringPropertyNames().forEach(key -> settings.put(key, value(pc, key)));
        LOG.debug("Configuration ({} settings, secrets masked):", settings.size());
        settings.forEach((key, value) -> LOG.debug("  {} = {}", key, value));
    }

    private static String value(PropertiesComponent pc, String key) {
        if (isSecret(key)) {
            return "xxxxxx";
        }
        try {
            // a password inside a URL (a ledger's JDBC URL, say) is masked too
            return org.apache.camel.util.URISupport.sanitizeUri(ConfigValues.get(pc, key));
        } catch (RuntimeException e) {
            // a placeholder without a value: what is wrong is the dump's news too
            return "(" + e.getMessage() + ")";
        }
    }

    static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return !k.endsWith("-file") && (SensitiveUtils.containsSensitive(k) || SECRET.matcher(k).matches());
    }
}
