package ferry.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway self-signed certificate (for 127.0.0.1 unless told otherwise), made by openssl and keytool: PEM files for vsftpd and
 * aiosmtpd, a PKCS12 key store for the Java servers, and a PKCS12 trust store holding only this certificate.
 */
public record TestCertificate(Path dir, Path certPem, Path keyPem, Path keyStore, Path trustStore, String password) {

    public static final String OPENSSL = "/usr/bin/openssl";

    public static TestCertificate create(Path dir) throws Exception {
        return create(dir, "127.0.0.1", "IP:127.0.0.1");
    }

    /**
     * A certificate issued for {@code name} only (subjectAltName {@code san}, such as {@code DNS:files.example.org}):
     * trusted through the trust store all the same, so only a host name check can refuse it.
     */
    public static TestCertificate create(Path dir, String name, String san) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(OPENSSL)),
                "openssl is not installed (bin/test installs it): TLS tests aborted");
        Files.createDirectories(dir);
        String password = "test-store-pw";
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Path keyStore = dir.resolve("server.p12");
        Path trustStore = dir.resolve("trust.p12");
        run(OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + name,
                "-addext", "subjectAltName=" + san, "-keyout", key.toString(), "-out", cert.toString());
        run(OPENSSL, "pkcs12", "-export", "-in", cert.toString(), "-inkey", key.toString(), "-name", "server",
                "-out", keyStore.toString(), "-passout", "pass:" + password);
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-importcert", "-noprompt", "-alias", "server", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", trustStore.toString(), "-storepass", password);
        return new TestCertificate(dir, cert, key, keyStore, trustStore, password);
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(command[0] + " " + command[1] + " failed: " + out);
        }
    }
}
