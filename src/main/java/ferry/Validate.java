package ferry;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import ferry.config.SettingsCheck;
import ferry.reload.CheckedFile;
import ferry.reload.Problem;
import ferry.reload.ProblemReason;
import ferry.reload.RouteFileCheck;
import ferry.reload.SettingsSource;
import ferry.routes.RouteTemplates;
import ferry.servers.DefaultPasswordFiles;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * {@code ferry validate [file or folder...]}: checks the configuration and the route files the way the
 * reload guard does (same code), starting nothing, prints every problem with its file and reason, and
 * returns non-zero if there is any. With no argument it checks the {@code ferry.routes} folder.
 */
public final class Validate {

    private Validate() {
    }

    public static int run(List<String> args, PrintStream out) {
        return run(args, null, out);
    }

    /** As Ferry would start with {@code --home home} (null: the working directory). */
    public static int run(List<String> args, Path home, PrintStream out) {
        // the findings are the output: Camel's own progress lines would bury them
        Configurator.setRootLevel(Level.WARN);
        Path settings = (home == null ? Path.of("") : home).resolve("config").resolve("application.properties").toAbsolutePath();
        if (!Files.isRegularFile(settings)) {
            out.println(settings + " not found: run validate in Ferry's folder, or name that folder with --home DIR or FERRY_HOME");
            out.println("FAILED: no configuration; route files not checked");
            return 1;
        }
        DefaultCamelContext config = new DefaultCamelContext(false);
        config.disableJMX();
        config.getPropertiesComponent().setLocation(home == null ? FerryMain.CONFIG_LOCATION : "file:" + settings);
        if (home != null) {
            // ferry.routes and ferry.data are folders under {{ferry.home}}, as when Ferry runs (FerryMain.create)
            config.getPropertiesComponent().addOverrideProperty("ferry.home", home.toString());
        }
        config.build();
        PropertiesComponent pc = config.getPropertiesComponent();
        try {
            DefaultPasswordFiles.apply(pc);
            SettingsCheck.check(pc);
        } catch (IllegalArgumentException e) {
            out.println("config/application.properties: " + e.getMessage());
            out.println("FAILED: the configuration is wrong; route files not checked");
            return 1;
        }
        List<Path> files;
        try {
            files = routeFiles(args.isEmpty() ? List.of(pc.resolveProperty("ferry.routes").orElse("routes")) : args);
        } catch (IOException e) {
            out.println(e.getMessage());
            out.println("FAILED: cannot read the route files");
            return 1;
        }
        RouteFileCheck check = new RouteFileCheck(new SettingsSource(pc), RouteTemplates::all);
        List<Problem> problems = new ArrayList<>();
        Map<String, Path> owners = new LinkedHashMap<>();
        for (Path file : files) {
            CheckedFile checked = checkFile(check, file);
            if (!checked.ok()) {
                problems.add(checked.problem());
                continue;
            }
            for (String id : checked.routeIds()) {
                Path owner = owners.putIfAbsent(id, file);
                if (owner != null) {
                    problems.add(ProblemReason.duplicate(checked, id, owner.toString()));
                }
            }
        }
        problems.forEach(out::println);
        if (!problems.isEmpty()) {
            out.println("FAILED: " + problems.size() + " problem(s) in " + files.size() + " route file(s)");
            return 1;
        }
        out.println("OK: " + files.size() + " route file(s), " + owners.size() + " route(s), configuration valid");
        return 0;
    }

    private static CheckedFile checkFile(RouteFileCheck check, Path file) {
        try {
            return check.check(file, Files.readAllBytes(file));
        } catch (IOException e) {
            return new CheckedFile(file, new byte[0], java.util.Set.of(),
                    new Problem(file, 0, 0, "cannot read the file: " + e.getMessage()));
        }
    }

    private static List<Path> routeFiles(List<String> args) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String arg : args) {
            Path path = Path.of(arg);
            if (Files.isDirectory(path)) {
                try (Stream<Path> list = Files.list(path)) {
                    list.filter(p -> p.getFileName().toString().endsWith(".camel.yaml")).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new IOException(arg + ": no such file or folder");
            }
        }
        return files;
    }
}
