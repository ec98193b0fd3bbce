package ferry.support;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Debian's vsftpd, started by the test on 127.0.0.1 with a throwaway local user (see {@link VsftpdAccount}) whose
 * files live in a fresh folder. Aborts (skips, with the reason) where vsftpd is not installed or the test is not root.
 */
public final class Vsftpd implements AutoCloseable {

    public static final String BINARY = "/usr/sbin/vsftpd";
    /** The login account of this test JVM, with a password generated for the run (see {@link VsftpdAccount}). */
    public static final String USER = VsftpdAccount.NAME;
    public static final String PASSWORD = VsftpdAccount.PASSWORD;

    private final Process process;
    private final Path root;
    private final Path workDir;
    private final int port;

    private Vsftpd(Process process, Path root, Path workDir, int port) {
        this.process = process;
        this.root = root;
        this.workDir = workDir;
        this.port = port;
    }

    public static Vsftpd start() throws Exception {
        return start(null, false);
    }

    /**
     * vsftpd requiring TLS for logins and data with {@code cert}: explicit (AUTH TLS) or implicit, and
     * require_ssl_reuse left at its default YES, so each data connection must resume the control session.
     */
    public static Vsftpd startTls(TestCertificate cert, boolean implicit) throws Exception {
        return start(cert, implicit);
    }

    private static Vsftpd start(TestCertificate cert, boolean implicit) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(BINARY)),
                "vsftpd is not installed (bin/test installs it): vsftpd tests skipped");
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "vsftpd tests need root to create the throwaway FTP user: skipped");
        VsftpdAccount.ensure();
        Path workDir = Files.createTempDirectory("ferry-vsftpd-");
        Path root = Files.createDirectories(workDir.resolve("home"));
        run("chown", "-R", USER + ":" + USER, root.toString());
        run("chmod", "755", workDir.toString());
        Files.createDirectories(workDir.resolve("empty"));
        IOException last = null;
        // vsftpd takes a fixed port: try random ones and detect a taken port by vsftpd's own exit
        for (int attempt = 0; attempt < 8; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20000, 29000);
            Path conf = writeConfig(workDir, root, port, tls(cert, implicit));
            Process p = new ProcessBuilder(BINARY, conf.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("vsftpd.out").toFile())
                    .start();
            if (waitListening(p, port)) {
                return new Vsftpd(p, root, workDir, port);
            }
            p.destroyForcibly();
            last = new IOException("vsftpd did not listen on 127.0.0.1:" + port + ": "
                    + Files.readString(workDir.resolve("vsftpd.out")));
        }
        throw last;
    }

    public int port() {
        return port;
    }

    /** The FTP user's home on disk: what the server stores. */
    public Path root() {
        return root;
    }

    @Override
    public void close() throws Exception {
        // vsftpd's per-connection children outlive the listener otherwise
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        run("rm", "-rf", workDir.toString());
    }

    private static List<String> tls(TestCertificate cert, boolean implicit) {
        if (cert == null) {
            return List.of();
        }
        // vsftpd 3.0.3's default ssl_ciphers (DES-CBC3-SHA) is refused by OpenSSL 3, which would leave TLS 1.3 only;
        // debug_ssl writes each handshake (and whether it resumed a session) to the log file
        return List.of("ssl_enable=YES", "rsa_cert_file=" + cert.certPem(), "rsa_private_key_file=" + cert.keyPem(),
                "force_local_logins_ssl=YES", "force_local_data_ssl=YES", "implicit_ssl=" + (implicit ? "YES" : "NO"),
                "ssl_ciphers=HIGH", "debug_ssl=YES", "log_ftp_protocol=YES");
    }

    /** What vsftpd logged: transfers, and with TLS each handshake and whether the data connection reused the session. */
    public String log() throws IOException {
        Path log = workDir.resolve("xfer.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static Path writeConfig(Path workDir, Path root, int port, List<String> extra) throws IOException {
        List<String> lines = new java.util.ArrayList<>(List.of(
                "listen=YES", "listen_ipv6=NO", "listen_address=127.0.0.1", "listen_port=" + port,
                "background=NO", "anonymous_enable=NO", "local_enable=YES", "write_enable=YES",
                "local_umask=022", "local_root=" + root, "chroot_local_user=NO",
                "userlist_enable=YES", "userlist_deny=NO", "userlist_file=" + workDir.resolve("users"),
                "pam_service_name=vsftpd", "pasv_enable=YES", "pasv_address=127.0.0.1",
                "pasv_min_port=29000", "pasv_max_port=29999", "port_enable=YES", "connect_from_port_20=NO",
                "secure_chroot_dir=" + workDir.resolve("empty"), "seccomp_sandbox=NO",
                "xferlog_enable=YES", "vsftpd_log_file=" + workDir.resolve("xfer.log"),
                "use_localtime=NO", "ftpd_banner=ferry test vsftpd"));
        lines.addAll(extra);
        Files.writeString(workDir.resolve("users"), USER + "\n");
        return Files.write(workDir.resolve("vsftpd-" + port + ".conf"), lines);
    }

    private static boolean waitListening(Process p, int port) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        while (Instant.now().isBefore(deadline)) {
            if (!p.isAlive()) {
                return false;
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                // not listening yet
                p.waitFor(50, TimeUnit.MILLISECONDS);
            }
        }
        return false;
    }

    private static void run(String... command) throws Exception {
        VsftpdAccount.run(command);
    }
}
