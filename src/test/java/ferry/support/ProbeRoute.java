package ferry.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.Route;

/**
 * A throwaway route file in a test's route folder: a timer that writes its version to
 * {@code <data>/<id>/version.txt} ten times a second, so a test sees which version runs.
 */
public final class ProbeRoute {

    private final FerryApp app;
    private final String id;

    public ProbeRoute(FerryApp app, String id) {
        this.app = app;
        this.id = id;
    }

    public String id() {
        return id;
    }

    public Path file() {
        return app.routes().resolve(id + ".camel.yaml");
    }

    /** The YAML of version {@code version}; {@code step} replaces the setBody step when not null. */
    public String yaml(String version, String uri, String extraParameter, String routeId) {
        return "- route:\n"
                + "    id: " + routeId + "\n"
                + "    from:\n"
                + "      uri: " + uri + "\n"
                + "      parameters:\n"
                + "        period: 100\n"
                + "        delay: 0\n"
                + (extraParameter == null ? "" : "        " + extraParameter + "\n")
                + "      steps:\n"
                + "        - setBody:\n"
                + "            constant: \"" + version + "\"\n"
                + "        - to:\n"
                + "            uri: file:{{ferry.data}}/" + id + "\n"
                + "            parameters:\n"
                + "              fileName: version.txt\n";
    }

    public String yaml(String version) {
        return yaml(version, "timer:" + id, null, id);
    }

    /** Saves in place, as most editors do (truncate, then write). */
    public void save(String content) {
        try {
            Files.writeString(file(), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The version the running route last wrote, or "" before it wrote anything. */
    public String running() {
        try {
            Path version = app.data(id).resolve("version.txt");
            return Files.exists(version) ? Files.readString(version) : "";
        } catch (IOException e) {
            // read while being rewritten: try again on the next poll
            return "";
        }
    }

    public Route route() {
        return app.context().getRoute(id);
    }
}
