package ferry.config;

import org.apache.camel.spi.PropertiesComponent;

/** Reads one setting as Ferry's own classes need it: trimmed, and empty when unset. */
public final class ConfigValues {

    private ConfigValues() {
    }

    public static String get(PropertiesComponent pc, String key) {
        return pc.resolveProperty(key).map(String::trim).orElse("");
    }
}
