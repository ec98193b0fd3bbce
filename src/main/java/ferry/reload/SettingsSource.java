package ferry.reload;

import java.util.Properties;

import org.apache.camel.spi.LoadablePropertiesSource;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Lends a route check the settings of another context: the running app's, overrides included. Loadable, so the
 * check can also list which servers are defined (ferry.servers.Servers).
 */
public final class SettingsSource implements LoadablePropertiesSource {

    private final PropertiesComponent settings;

    public SettingsSource(PropertiesComponent settings) {
        this.settings = settings;
    }

    @Override
    public String getName() {
        return "ferry-settings";
    }

    @Override
    public Properties loadProperties() {
        return settings.loadProperties();
    }

    @Override
    public Properties loadProperties(java.util.function.Predicate<String> filter) {
        return settings.loadProperties(filter);
    }

    @Override
    public void reloadProperties(String location) {
        // the lent settings belong to the other context
    }

    @Override
    public String getProperty(String name) {
        return settings.resolveProperty(name).orElse(null);
    }
}
