package ferry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import ferry.embedded.EmbeddedFtpServer;
import ferry.support.TestFiles;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.catalog.EndpointValidationResult;
import org.apache.camel.catalog.impl.DefaultRuntimeCamelCatalog;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.spi.EndpointUriFactory;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.spi.PropertyConfigurerGetter;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.tooling.model.BaseOptionModel;
import org.apache.camel.tooling.model.ComponentModel;
import org.apache.camel.util.StringHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The descriptors camel-component-maven-plugin generates for ftplib:, smtplib: and nntplib: are on the class path,
 * say what docs/ says, build working steps of a route from typed options, and the shipped camel.component.* keys
 * still bind.
 */
class ComponentMetadataTest {

    /** Options Camel adds to every producer component; Camel documents them, not Ferry. */
    private static final Set<String> CAMEL_STANDARD = Set.of("lazyStartProducer", "autowiredEnabled", "configuration");
    private static final Pattern TICKED = Pattern.compile("`([A-Za-z0-9]+)`");

    private static CamelContext context;
    private static DefaultRuntimeCamelCatalog catalog;

    @BeforeAll
    static void start() throws Exception {
        context = new DefaultCamelContext();
        context.start();
        catalog = new DefaultRuntimeCamelCatalog();
        catalog.setCamelContext(context);
    }

    @AfterAll
    static void stop() {
        context.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftplib", "smtplib", "nntplib"})
    void should_describe_exactly_the_options_the_docs_list(String scheme) throws IOException {
        ComponentModel model = model(scheme);
        Path page = Path.of("docs", scheme + ".md");
        Set<String> stepDocs = documented(page, "option");
        Set<String> componentDocs = documented(page, "component option");

        Set<String> stepOptions = names(model.getEndpointParameterOptions());
        assertEquals(stepOptions, stepDocs, page + ": the step options table differs from " + scheme
                + ".json; described but not documented: " + minus(stepOptions, stepDocs)
                + ", documented but not described: " + minus(stepDocs, stepOptions));

        // options of the shared configuration are component defaults too: documented once, as step options
        Set<String> componentOnly = model.getComponentOptions().stream()
                .filter(o -> o.getConfigurationField() == null).map(BaseOptionModel::getName)
                .filter(n -> !CAMEL_STANDARD.contains(n)).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(componentOnly, componentDocs, page + ": the component options table differs from " + scheme
                + ".json; described but not documented: " + minus(componentOnly, componentDocs)
                + ", documented but not described: " + minus(componentDocs, componentOnly));
        Set<String> defaults = model.getComponentOptions().stream().filter(o -> o.getConfigurationField() != null)
                .map(BaseOptionModel::getName).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(stepDocs.containsAll(defaults), "component defaults that are no step option: "
                + minus(defaults, stepDocs));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftplib", "smtplib", "nntplib"})
    void should_mark_every_password_secret_and_describe_every_option(String scheme) {
        ComponentModel model = model(scheme);
        List<BaseOptionModel> all = new ArrayList<>(model.getComponentOptions());
        all.addAll(model.getEndpointOptions());
        List<String> passwords = all.stream().filter(o -> o.getName().toLowerCase().contains("password"))
                .map(BaseOptionModel::getName).toList();
        assertFalse(passwords.isEmpty(), scheme + ".json names no password option");
        all.stream().filter(o -> o.getName().toLowerCase().contains("password"))
                .forEach(o -> assertTrue(o.isSecret(), scheme + " option " + o.getName() + " is not marked secret"));
        all.forEach(o -> assertFalse(o.getDescription() == null || o.getDescription().isBlank(),
                scheme + " option " + o.getName() + " has no description"));
        assertTrue(context.getCamelContextExtension().getEndpointUriFactory(scheme).secretPropertyNames()
                .contains("password"), scheme + ": the generated EndpointUriFactory does not know password is secret");
    }

    @Test
    void should_report_mistyped_step_options_from_the_descriptor() {
        EndpointValidationResult result = catalog.validateEndpointProperties(
                "ftplib:storbinary?port=twenty-one&ifExists=keep&pasive=false&path=/out/a.txt");
        assertFalse(result.isSuccess(), "a port that is no number, an unknown ifExists and a misspelt option passed");
        assertEquals(Set.of("port"), result.getInvalidInteger().keySet(), result.summaryErrorMessage(false));
        assertEquals(Set.of("ifExists"), result.getInvalidEnum().keySet(), result.summaryErrorMessage(false));
        assertEquals(Set.of("pasive"), result.getUnknown(), result.summaryErrorMessage(false));
        assertTrue(catalog.validateEndpointProperties("smtplib:sendmail?security=starttls&port=587&to=a@example.org")
                .isSuccess(), "a correct smtplib step was refused");
    }

    @Test
    void should_upload_through_a_route_step_built_from_typed_options() throws Exception {
        Path root = Path.of("target", "test-data", "typed-" + UUID.randomUUID()).toAbsolutePath();
        EmbeddedFtpServer ftp = new EmbeddedFtpServer(root, "typed", "typed-pw", 0, "0");
        ftp.start();
        try {
            EndpointUriFactory factory = context.getCamelContextExtension().getEndpointUriFactory("ftplib");
            String name = TestFiles.uniqueName(".bin");
            Map<String, Object> options = new LinkedHashMap<>();
            options.put("operation", "storbinary");
            options.put("host", "127.0.0.1");
            options.put("port", ftp.getPort());
            options.put("username", "typed");
            options.put("password", "typed-pw");
            options.put("timeout", 5000);
            options.put("atomic", false);
            options.put("path", "/" + name);
            String uri = factory.buildUri("ftplib", options);
            String route = "typed-" + UUID.randomUUID();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:" + route).routeId(route).to(uri);
                }
            });
            byte[] content = TestFiles.randomBytes(70_000);
            context.createProducerTemplate().sendBody("direct:" + route, content);
            assertArrayEquals(content, Files.readAllBytes(ftp.getRoot().resolve(name)), "uploaded through " + uri);
        } finally {
            ftp.stop();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftplib", "smtplib", "nntplib"})
    void should_bind_every_shipped_component_key(String scheme) throws Exception {
        ComponentModel model = model(scheme);
        String prefix = "camel.component." + scheme + ".";
        Map<String, String> values = new LinkedHashMap<>();
        int n = 0;
        for (String line : Files.readAllLines(Path.of("config", "application.properties"), StandardCharsets.UTF_8)) {
            if (!line.startsWith(prefix)) {
                continue;
            }
            String key = line.substring(0, line.indexOf('=')).trim();
            String option = StringHelper.dashToCamelCase(key.substring(prefix.length()));
            BaseOptionModel described = model.getComponentOptions().stream().filter(o -> o.getName().equals(option))
                    .findFirst().orElse(null);
            assertNotNull(described, key + " (shipped in config/application.properties) is no option in " + scheme + ".json");
            values.put(key, testValue(described, ++n));
        }
        assertFalse(values.isEmpty(), "config/application.properties sets no " + prefix + "* key");

        Main main = new Main();
        values.forEach(main::addOverrideProperty);
        main.start();
        try {
            Object component = main.getCamelContext().getComponent(scheme);
            PropertyConfigurer configurer = PluginHelper.getConfigurerResolver(main.getCamelContext())
                    .resolvePropertyConfigurer(scheme + "-component", main.getCamelContext());
            assertNotNull(configurer, "no generated configurer for " + scheme);
            for (Map.Entry<String, String> e : values.entrySet()) {
                String option = StringHelper.dashToCamelCase(e.getKey().substring(prefix.length()));
                Object bound = ((PropertyConfigurerGetter) configurer).getOptionValue(component, option, false);
                assertEquals(e.getValue(), String.valueOf(bound), e.getKey() + " did not reach the component");
            }
        } finally {
            main.stop();
        }
    }

    /** A value unlike the default, of the option's type. */
    private static String testValue(BaseOptionModel option, int n) {
        return switch (option.getType()) {
            case "boolean" -> String.valueOf(!Boolean.TRUE.equals(option.getDefaultValue()));
            case "integer" -> String.valueOf(40000 + n);
            case "enum" -> option.getEnums().get(option.getEnums().size() - 1);
            default -> "value-" + n;
        };
    }

    private static ComponentModel model(String scheme) {
        ComponentModel model = catalog.componentModel(scheme);
        assertNotNull(model, "no " + scheme + ".json on the class path: did camel-component-maven-plugin run?");
        return model;
    }

    private static Set<String> names(List<? extends BaseOptionModel> options) {
        return options.stream().map(BaseOptionModel::getName).filter(n -> !CAMEL_STANDARD.contains(n))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The `names` in the first column of the tables whose header's first cell is {@code header}. */
    private static Set<String> documented(Path page, String header) throws IOException {
        Set<String> names = new TreeSet<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(page, StandardCharsets.UTF_8)) {
            if (!line.startsWith("|")) {
                inTable = false;
            } else if (line.matches("\\|\\s*" + header + "\\s*\\|.*")) {
                inTable = true;
            } else if (inTable) {
                Matcher m = TICKED.matcher(line.split("\\|")[1]);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        assertFalse(names.isEmpty(), page + " has no table headed '" + header + "'");
        return names;
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }
}
