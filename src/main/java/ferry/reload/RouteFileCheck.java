package ferry.reload;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.RouteConfigurationsBuilder;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.StartupSummaryLevel;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesSource;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * Tries a route file in a throwaway CamelContext that has the same components, settings and route
 * templates as the running one: routes are created and initialised there (endpoints resolved, options
 * and placeholders checked) but never started, so a broken file is caught before it touches anything.
 * The reload guard and the validate command share this check.
 */
public final class RouteFileCheck {

    /** The throwaway context's name, so logs can leave it out. */
    public static final String NAME = "ferry-check";

    private final PropertiesSource settings;
    private final Supplier<List<RoutesBuilder>> templates;

    /**
     * @param settings  where placeholders get their values (the running app's, or the config file's)
     * @param templates the Java route templates and configurations the YAML files build on
     */
    public RouteFileCheck(PropertiesSource settings, Supplier<List<RoutesBuilder>> templates) {
        this.settings = settings;
        this.templates = templates;
    }

    public CheckedFile check(Path file, byte[] content) {
        if (new String(content, StandardCharsets.UTF_8).isBlank()) {
            // an editor writing in place first truncates: never take that as "remove every route"
            return refused(file, content, new Problem(file, 0, 0,
                    "the file is empty (delete it to remove its routes)"));
        }
        CamelContext trial = new DefaultCamelContext(false);
        try {
            trial.getCamelContextExtension().setName(NAME);
            trial.disableJMX();
            trial.setStartupSummaryLevel(StartupSummaryLevel.Off);
            trial.setAutoStartup(false);
            trial.getPropertiesComponent().addPropertiesSource(settings);
            trial.build();
            ferry.routes.RouteTemplates.bindStandIns(trial.getRegistry());
            // a flow naming an unknown or incomplete server is refused here, before it touches the running one
            ferry.servers.FlowServers.install(trial);
            for (RoutesBuilder builder : templates.get()) {
                trial.addRoutes(builder);
            }
            Resource resource = ResourceHelper.fromBytes("file:" + file, content);
            // the same order as RoutesLoader.loadRoutes, which applies the file to the running context
            Collection<RoutesBuilder> builders = PluginHelper.getRoutesLoader(trial).findRoutesBuilders(resource);
            for (RoutesBuilder builder : builders) {
                if (builder instanceof RouteConfigurationsBuilder configurations) {
                    trial.addRoutesConfigurations(configurations);
                }
            }
            for (RoutesBuilder builder : builders) {
                trial.addRoutes(builder);
            }
            for (RoutesBuilder builder : builders) {
                trial.addTemplatedRoutes(builder);
                TemplateParameters.requireDeclared(trial, builder);
            }
            // autoStartup=false: routes are created and initialised, consumers stay stopped
            trial.start();
            Set<String> ids = new LinkedHashSet<>();
            for (Route route : trial.getRoutes()) {
                ids.add(route.getRouteId());
            }
            return new CheckedFile(file, content, Set.copyOf(ids), null);
        } catch (Exception e) {
            return refused(file, content, ProblemReason.of(file, content, e));
        } finally {
            trial.stop();
        }
    }

    private static CheckedFile refused(Path file, byte[] content, Problem problem) {
        return new CheckedFile(file, content, Set.of(), problem);
    }
}
