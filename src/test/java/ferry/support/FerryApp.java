package ferry.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.icegreen.greenmail.util.GreenMail;
import ferry.FerryMain;
import ferry.embedded.EmbeddedServers;
import ferry.observe.Observability;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * Ferry started the way {@code Ferry.main} starts it (config/ and routes/ from the project), with its own
 * data folder under target/ and every server on an ephemeral port.
 */
public final class FerryApp implements AutoCloseable {

    private final Main main;
    private final Path data;

    private FerryApp(Main main, Path data) {
        this.main = main;
        this.data = data;
    }

    public static FerryApp start(Map<String, String> overrides) throws Exception {
        return start(Path.of("target", "test-data", UUID.randomUUID().toString()).toAbsolutePath(), overrides);
    }

    /** Starts on an existing data folder: a restart of the same installation. */
    public static FerryApp start(Path data, Map<String, String> overrides) throws Exception {
        Files.createDirectories(data);
        // a private copy of the shipped routes: reload tests edit it, never the project's routes/
        Path routes = Files.createDirectories(data.resolve("routes"));
        try (Stream<Path> shipped = Files.list(Path.of("routes"))) {
            for (Path file : shipped.toList()) {
                Files.copy(file, routes.resolve(file.getFileName().toString()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Map<String, String> props = new LinkedHashMap<>();
        props.put("ferry.data", data.toString());
        props.put("ferry.routes", routes.toString());
        props.put("camel.management.port", "0");
        props.put("ftp.port", "0");
        props.put("smtp.port", "0");
        props.put("imap.port", "0");
        props.put("ftp.embedded.passive-ports", "0");
        props.put("ferry.poll-delay", "200");
        props.put("ferry.outbox.stable-time", "200");
        props.put("ferry.retry.delay", "100");
        props.put("ferry.retry.max-delay", "1000");
        props.putAll(overrides);
        Main main = FerryMain.create();
        props.forEach(main::addOverrideProperty);
        try {
            main.start();
        } catch (Exception e) {
            // a refused start must not leave its embedded servers running in the test JVM
            main.stop();
            throw e;
        }
        return new FerryApp(main, data);
    }

    public static FerryApp start() throws Exception {
        return start(Map.of());
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public Path data() {
        return data;
    }

    public ferry.ledger.Ledger ledger() {
        return context().getRegistry().lookupByNameAndType(ferry.ledger.LedgerService.LEDGER, ferry.ledger.Ledger.class);
    }

    /** This app's copy of the route folder (ferry.routes). */
    public Path routes() {
        return data.resolve("routes");
    }

    /** The port the management server (health, metrics) bound. */
    public int managementPort() {
        return Observability.managementPort(context());
    }

    public Path data(String folder) {
        return data.resolve(folder);
    }

    public EmbeddedServers servers() {
        return context().getRegistry().lookupByNameAndType(EmbeddedServers.BEAN, EmbeddedServers.class);
    }

    public GreenMail greenMail() {
        return servers().mail().greenMail();
    }

    /** The embedded FTP server's disk, as the read-write account sees it. */
    public Path ftpRoot() {
        return servers().ftp().getRoot();
    }

    /**
     * The bytes of a file publish put on the embedded FTP server: in incoming/, or in incoming/.done/ once
     * ftp-to-mail (woken by the upload itself) has mailed it; null while it is in neither.
     */
    public byte[] published(String name) {
        for (Path p : publishedPlaces(name)) {
            try {
                return Files.readAllBytes(p);
            } catch (java.io.IOException e) {
                // not there, or moved on between the two places: look at the next
            }
        }
        return null;
    }

    /** The size of a file publish put on the embedded FTP server (see {@link #published}), or -1. */
    public long publishedSize(String name) {
        for (Path p : publishedPlaces(name)) {
            try {
                return Files.size(p);
            } catch (java.io.IOException e) {
                // not there, or moved on between the two places: look at the next
            }
        }
        return -1;
    }

    private Path[] publishedPlaces(String name) {
        Path incoming = ftpRoot().resolve("incoming");
        return new Path[] {incoming.resolve(name), incoming.resolve(".done").resolve(name)};
    }

    public String property(String key) {
        return context().getPropertiesComponent().resolveProperty(key).orElseThrow();
    }

    /** Drops a file into the outbox the way a user should: written aside, then moved in whole. */
    public Path drop(String name, byte[] content) {
        try {
            Path outbox = data("outbox");
            Files.createDirectories(outbox);
            Path staged = Files.write(data.resolve(".staged-" + UUID.randomUUID()), content);
            // a same-named file just delivered is archived a moment after it reached the server: as a user would,
            // drop the new version once the old one has left the outbox
            org.awaitility.Awaitility.await("earlier " + name + " to leave the outbox").atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> !Files.exists(outbox.resolve(name)));
            return Files.move(staged, outbox.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the .error report Ferry writes when it keeps {@code name} undelivered, and returns its text. */
    public String awaitFailureReport(String name) throws IOException {
        Path report = data("failed").resolve(name + ".error");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> Files.exists(report));
        return Files.readString(report);
    }

    @Override
    public void close() {
        main.stop();
    }
}
