package ferry.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Assumptions;

import static org.awaitility.Awaitility.await;

/**
 * Debian's aiosmtpd (python3-aiosmtpd) on 127.0.0.1 and a free port, started by the test: {@code starttls}
 * (required before AUTH and MAIL), {@code ssl} (SMTP over TLS) or {@code plain} (offers no STARTTLS), with one
 * AUTH account; received mail lands as .eml files in its folder.
 */
public final class SmtpTlsServer implements AutoCloseable {

    public static final String PYTHON = "/usr/bin/python3";
    private static final Path SCRIPT = Path.of("src/test/resources/ferry/support/smtp_tls_server.py");

    private final Process process;
    private final Path dir;
    private final int port;

    private SmtpTlsServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    public static SmtpTlsServer start(String mode, TestCertificate cert, String user, String password) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(PYTHON))
                        && new ProcessBuilder(PYTHON, "-c", "import aiosmtpd").start().waitFor() == 0,
                "aiosmtpd is not installed (bin/test installs it): SMTP TLS tests aborted");
        Path dir = Files.createDirectories(Path.of("target", "test-data", "smtp-" + UUID.randomUUID()).toAbsolutePath());
        Path mail = Files.createDirectories(dir.resolve("mail"));
        Path portFile = dir.resolve("port");
        Process p = new ProcessBuilder(PYTHON, SCRIPT.toString(), mode, cert.certPem().toString(), cert.keyPem().toString(),
                user, password, mail.toString(), portFile.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.out").toFile()).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(portFile) || !p.isAlive());
        if (!p.isAlive()) {
            throw new IOException("aiosmtpd did not start: " + Files.readString(dir.resolve("server.out")));
        }
        return new SmtpTlsServer(p, dir, Integer.parseInt(Files.readString(portFile).trim()));
    }

    public int port() {
        return port;
    }

    /** The messages received so far. */
    public List<MimeMessage> messages() throws Exception {
        Session session = Session.getInstance(new java.util.Properties());
        try (Stream<Path> files = Files.list(dir.resolve("mail"))) {
            List<Path> emls = files.filter(f -> f.toString().endsWith(".eml")).sorted().toList();
            List<MimeMessage> messages = new java.util.ArrayList<>();
            for (Path f : emls) {
                try (var in = Files.newInputStream(f)) {
                    messages.add(new MimeMessage(session, in));
                }
            }
            return messages;
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
