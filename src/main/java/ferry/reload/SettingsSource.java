package ferry.reload;

import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.PropertiesSource;

/** Lends a route check the settings of another context: the running app's, overrides included. */
public final class SettingsSource implements PropertiesSource {

    private final PropertiesComponent settings;

    public SettingsSource(PropertiesComponent settings) {
        this.settings = settings;
    }

    @Override
    public String getName() {
        return "ferry-settings";
    }

    @Override
    public String getProperty(String name) {
        return settings.resolveProperty(name).orElse(null);
    }
}
