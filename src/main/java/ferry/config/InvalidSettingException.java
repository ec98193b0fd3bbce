package ferry.config;

/** A setting of the config contract that is missing or has a value Ferry cannot use. */
public class InvalidSettingException extends IllegalArgumentException {

    private final String key;

    public InvalidSettingException(String key, String problem) {
        super("setting " + key + " " + problem + " (config/application.properties, -D" + key + "=..., or "
                + envName(key) + ")");
        this.key = key;
    }

    public String getKey() {
        return key;
    }

    static String envName(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
