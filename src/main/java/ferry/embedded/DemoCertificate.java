package ferry.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A self-signed certificate for 127.0.0.1 made with the JDK's keytool for the embedded servers
 * ({@code ferry.embedded.tls=true}): {@code <data>/tls/server.p12} for the server and {@code trust.p12}, holding
 * only that certificate, for Ferry and any FTPS client you try. Kept across restarts so clients can trust it once.
 */
public record DemoCertificate(Path keyStore, Path trustStore, String password) {

    /** Demo stores on 127.0.0.1 only; the password guards nothing secret (a trust store holds public keys). */
    public static final String PASSWORD = "ferry-demo";

    public static DemoCertificate in(Path data) {
        Path dir = data.resolve("tls");
        DemoCertificate cert = new DemoCertificate(dir.resolve("server.p12"), dir.resolve("trust.p12"), PASSWORD);
        if (Files.exists(cert.keyStore()) && Files.exists(cert.trustStore())) {
            return cert;
        }
        try {
            Files.createDirectories(dir);
            Path pem = dir.resolve("server.crt");
            Files.deleteIfExists(cert.keyStore());
            Files.deleteIfExists(cert.trustStore());
            keytool("-genkeypair", "-alias", "ferry", "-keyalg", "RSA", "-keysize", "2048", "-validity", "825",
                    "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-storetype", "PKCS12",
                    "-keystore", cert.keyStore().toString(), "-storepass", PASSWORD);
            keytool("-exportcert", "-rfc", "-alias", "ferry", "-keystore", cert.keyStore().toString(),
                    "-storepass", PASSWORD, "-file", pem.toString());
            keytool("-importcert", "-noprompt", "-alias", "ferry", "-file", pem.toString(), "-storetype", "PKCS12",
                    "-keystore", cert.trustStore().toString(), "-storepass", PASSWORD);
            return cert;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the embedded servers' certificate in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool " + args[0], e);
        }
    }
}
