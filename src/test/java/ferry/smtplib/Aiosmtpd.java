package ferry.smtplib;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

import static org.awaitility.Awaitility.await;

/**
 * aiosmtpd's real SMTP or LMTP server (Debian's python3-aiosmtpd), started by the test on 127.0.0.1 and an
 * ephemeral port with a handler that refuses, defers or accepts addresses and saves what it accepts.
 */
final class Aiosmtpd implements AutoCloseable {

    static final String PYTHON = "/usr/bin/python3";

    private final Process process;
    private final Path out;
    private final int port;

    private Aiosmtpd(Process process, Path out, int port) {
        this.process = process;
        this.out = out;
        this.port = port;
    }

    /** Starts the server; {@code args} are the script's options (--refuse, --defer, --refuse-data, --size). */
    static Aiosmtpd start(String mode, String... args) throws Exception {
        checkInstalled();
        Path out = Files.createTempDirectory("ferry-aiosmtpd-");
        Path script = Path.of(Aiosmtpd.class.getResource("/smtplib/aiosmtpd_server.py").toURI());
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString(), mode, out.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(out.resolve("server.err").toFile()).start();
        BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
            try {
                return reader.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String line = first.get(20, TimeUnit.SECONDS);
        if (line == null || !line.startsWith("PORT ")) {
            p.destroyForcibly();
            throw new IOException("aiosmtpd did not start: " + Files.readString(out.resolve("server.err")));
        }
        return new Aiosmtpd(p, out, Integer.parseInt(line.substring(5).trim()));
    }

    private static void checkInstalled() throws Exception {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            Assumptions.abort("/usr/bin/python3 not installed: bin/test installs python3-aiosmtpd");
        }
        Process check = new ProcessBuilder(PYTHON, "-c", "import aiosmtpd.lmtp, aiosmtpd.controller")
                .redirectErrorStream(true).start();
        String error = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (check.waitFor() != 0) {
            Assumptions.abort("python3-aiosmtpd not installed: bin/test installs python3-aiosmtpd: "
                    + error.strip());
        }
    }

    int port() {
        return port;
    }

    /** Waits until {@code count} deliveries are saved; returns their numbers' files (n.eml, n.json), in order. */
    List<Path> awaitDeliveries(int count) throws IOException {
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries().size() >= count);
        return deliveries();
    }

    List<Path> deliveries() throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    static Path message(Path json) {
        return json.resolveSibling(json.getFileName().toString().replace(".json", ".eml"));
    }

    @Override
    public void close() throws Exception {
        // closing stdin ends the script cleanly; destroy in case it hangs
        process.getOutputStream().close();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(out)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(f -> f.toFile().delete());
        }
    }
}
