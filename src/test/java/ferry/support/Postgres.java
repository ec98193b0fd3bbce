package ferry.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL cluster from Debian's postgresql package: initdb into a fresh folder, the server on
 * 127.0.0.1 on a random free port, a database {@code ferry} owned by a password-protected user. It runs as the
 * {@code postgres} OS user (the server refuses root). Aborts (skips, with the reason) where PostgreSQL is not
 * installed or the test is not root.
 */
public final class Postgres implements AutoCloseable {

    public static final String USER = "ferry";
    public static final String PASSWORD = "pg-ledger-Secret-4711";
    public static final String DATABASE = "ferry";

    private final Process process;
    private final Path workDir;
    private final Path bin;
    private final int port;

    private Postgres(Process process, Path workDir, Path bin, int port) {
        this.process = process;
        this.workDir = workDir;
        this.bin = bin;
        this.port = port;
    }

    public static Postgres start() throws Exception {
        Path bin = binaries();
        Assumptions.assumeTrue(bin != null,
                "PostgreSQL is not installed (bin/test installs it): PostgreSQL tests skipped");
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "PostgreSQL tests run the server as the postgres user, which needs root: skipped");
        Path workDir = Files.createTempDirectory("ferry-pg-");
        Path pwFile = Files.writeString(workDir.resolve("pw"), PASSWORD + "\n");
        run("chown", "-R", "postgres:postgres", workDir.toString());
        run("runuser", "-u", "postgres", "--", bin.resolve("initdb").toString(), "-D", workDir.resolve("data").toString(),
                "-U", USER, "--pwfile=" + pwFile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8");
        IOException last = null;
        // postgres takes a fixed port: try random ones and detect a taken port by its own exit
        for (int attempt = 0; attempt < 8; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(30000, 39000);
            // fsync off: the database outlives every kill in these tests, only Ferry's JVMs die
            Process p = new ProcessBuilder("runuser", "-u", "postgres", "--", bin.resolve("postgres").toString(),
                    "-D", workDir.resolve("data").toString(), "-p", String.valueOf(port), "-c", "listen_addresses=127.0.0.1",
                    "-c", "unix_socket_directories=" + workDir, "-c", "fsync=off", "-c", "max_connections=40")
                    .redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("postgres-" + port + ".log").toFile())
                    .start();
            Postgres pg = new Postgres(p, workDir, bin, port);
            if (pg.waitReady(p)) {
                try (Connection c = DriverManager.getConnection(pg.url("postgres"), USER, PASSWORD);
                     Statement st = c.createStatement()) {
                    st.executeUpdate("CREATE DATABASE " + DATABASE);
                }
                return pg;
            }
            p.destroyForcibly();
            last = new IOException("postgres did not listen on 127.0.0.1:" + port + ": "
                    + Files.readString(workDir.resolve("postgres-" + port + ".log")));
        }
        throw last;
    }

    /** The newest installed PostgreSQL's bin folder, or null. */
    private static Path binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("postgres")))
                    .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElse(null);
        }
    }

    public String url() {
        return url(DATABASE);
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, PASSWORD);
    }

    private boolean waitReady(Process p) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (!p.isAlive()) {
                return false;
            }
            try (Connection c = DriverManager.getConnection(url("postgres"), USER, PASSWORD)) {
                return true;
            } catch (SQLException e) {
                // not accepting connections yet (starting up, or not listening)
                p.waitFor(100, TimeUnit.MILLISECONDS);
            }
        }
        return false;
    }

    /** The server's log (connection refusals, errors). */
    public String log() throws IOException {
        return Files.readString(workDir.resolve("postgres-" + port + ".log"));
    }

    @Override
    public void close() throws Exception {
        List<String> stop = new ArrayList<>(List.of("runuser", "-u", "postgres", "--", bin.resolve("pg_ctl").toString(),
                "-D", workDir.resolve("data").toString(), "-m", "immediate", "-w", "stop"));
        Process p = new ProcessBuilder(stop).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor(20, TimeUnit.SECONDS);
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        run("rm", "-rf", workDir.toString());
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }
}
