package ferry.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private INN (Debian's inn2) started by the test on 127.0.0.1: its own inn.conf (INNCONF), spool, history and
 * groups in a fresh folder; innd on one port (readers get nnrpd after MODE READER, STARTTLS offered) and a standalone
 * {@code nnrpd -S} for NNTPS on another. Groups {@code ferry.test} and {@code ferry.other} take posts,
 * {@code ferry.closed} does not; {@link #USER} may read and post after AUTHINFO, anyone else may only read.
 * Fails (never skips) where INN is not installed or the test is not root: CI installs it in {@code .ci/run}.
 */
public final class Inn implements AutoCloseable {

    public static final Path BIN = Path.of("/usr/lib/news/bin");
    public static final String USER = "ferry";
    public static final String PASSWORD = "ferry-news-pw";
    public static final List<String> GROUPS = List.of("ferry.test", "ferry.other", "ferry.closed");

    private final Path dir;
    private final TestCertificate cert;
    private Process innd;
    private Process nnrpd;
    private int port;
    private int nntpsPort;

    private Inn(Path dir, TestCertificate cert) {
        this.dir = dir;
        this.cert = cert;
    }

    public static Inn start() throws Exception {
        if (!Files.isExecutable(BIN.resolve("innd"))) {
            throw new IllegalStateException("INN is not installed (" + BIN.resolve("innd") + " missing): install Debian's"
                    + " inn2 as .ci/run does (services kept from starting, domain and bindaddress set in /etc/news/inn.conf)");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("the INN tests need root: the private innd switches to the news user");
        }
        Path dir = Files.createTempDirectory("ferry-inn-");
        Inn inn = new Inn(dir, TestCertificate.create(dir.resolve("tls")));
        try {
            inn.layout();
            inn.startServers();
            return inn;
        } catch (Exception e) {
            inn.close();
            throw e;
        }
    }

    /** The innd port: plain NNTP, STARTTLS after MODE READER. */
    public int port() {
        return port;
    }

    /** The nnrpd port that speaks TLS from the first byte (NNTPS). */
    public int nntpsPort() {
        return nntpsPort;
    }

    /** A trust store holding only this server's throwaway certificate (issued for 127.0.0.1). */
    public TestCertificate certificate() {
        return cert;
    }

    /** The articles of {@code group} on the server's disk (tradspool: one file per article, by number). */
    public List<Path> articles(String group) throws IOException {
        Path folder = dir.resolve("spool/articles").resolve(group.replace('.', '/'));
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .sorted((a, b) -> Long.compare(number(a), number(b))).toList();
        }
    }

    /** The stored bytes of article {@code number} in {@code group}, as INN keeps them (wire format, CRLF). */
    public byte[] article(String group, long number) throws IOException {
        return Files.readAllBytes(dir.resolve("spool/articles").resolve(group.replace('.', '/')).resolve(Long.toString(number)));
    }

    /** Posts {@code article} (headers, blank line, body; CRLF) as {@link #USER}, to give tests something to read. */
    public void seed(String article) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            expect(in, "200");
            for (String[] step : new String[][] {{"MODE READER", "20"}, {"AUTHINFO USER " + USER, "381"},
                    {"AUTHINFO PASS " + PASSWORD, "281"}, {"POST", "340"}}) {
                out.write((step[0] + "\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                expect(in, step[1]);
            }
            String stuffed = article.replace("\r\n.", "\r\n..");
            out.write((stuffed + (stuffed.endsWith("\r\n") ? "" : "\r\n") + ".\r\nQUIT\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            expect(in, "240");
        }
    }

    private static void expect(BufferedReader in, String code) throws IOException {
        String line = in.readLine();
        if (line == null || !line.startsWith(code)) {
            throw new IOException("INN answered '" + line + "' where " + code + " was expected");
        }
    }

    private static long number(Path p) {
        return Long.parseLong(p.getFileName().toString());
    }

    private void layout() throws Exception {
        for (String sub : List.of("etc", "db", "run", "log", "tmp", "spool/articles", "spool/overview",
                "spool/incoming", "spool/outgoing", "spool/archive")) {
            Files.createDirectories(dir.resolve(sub));
        }
        Path etc = dir.resolve("etc");
        // innd and nnrpd read these beside inn.conf; the package's own are fine
        for (String name : List.of("expire.ctl", "control.ctl", "control.ctl.local", "distrib.pats", "distributions",
                "moderators", "subscriptions", "localgroups", "nocem.ctl", "innwatch.ctl", "incoming.conf",
                "innfeed.conf", "inn-secrets.conf")) {
            Path source = Path.of("/etc/news", name);
            if (Files.exists(source)) {
                Files.copy(source, etc.resolve(name));
            }
        }
        Files.copy(cert.certPem(), etc.resolve("cert.pem"));
        Files.copy(cert.keyPem(), etc.resolve("key.pem"));
        Files.writeString(etc.resolve("storage.conf"), "method tradspool {\n    newsgroups: *\n    class: 0\n}\n");
        Files.writeString(etc.resolve("newsfeeds"), "ME:*,!junk,!control*::\n");
        Files.writeString(etc.resolve("passwd.users"), USER + ":" + crypt(PASSWORD) + "\n");
        Files.writeString(etc.resolve("readers.conf"), String.join("\n",
                "auth \"users\" {", "    hosts: \"*\"", "    auth: \"ckpasswd -f " + etc.resolve("passwd.users") + "\"", "}",
                "auth \"anonymous\" {", "    hosts: \"*\"", "    default: \"<anonymous>\"", "}",
                "access \"anonymous\" {", "    users: \"<anonymous>\"", "    newsgroups: \"*\"", "    access: RN", "}",
                "access \"users\" {", "    users: \"" + USER + "\"", "    newsgroups: \"*\"", "    access: RPN", "}", ""));
        Path db = dir.resolve("db");
        Files.writeString(db.resolve("active"), String.join("\n", "control 0000000000 0000000001 n",
                "control.cancel 0000000000 0000000001 n", "junk 0000000000 0000000001 n",
                "ferry.test 0000000000 0000000001 y", "ferry.other 0000000000 0000000001 y",
                "ferry.closed 0000000000 0000000001 n", ""));
        Files.writeString(db.resolve("newsgroups"), "ferry.test\tFerry's test group\nferry.other\tAnother group\n"
                + "ferry.closed\tNo posting here\n");
        long created = Instant.now().getEpochSecond() - 3600;
        Files.writeString(db.resolve("active.times"), GROUPS.stream().map(g -> g + " " + created + " ferry\n")
                .reduce("", String::concat));
        Files.writeString(db.resolve("history"), "");
        writeInnConf(119);
        // INN's tools and servers run as the news user: it owns the whole instance
        run(dir, List.of("chown", "-R", "news:news", dir.toString()), dir);
        run(dir, List.of(BIN.resolve("makedbz").toString(), "-i", "-o", "-s", "1000"), db);
        run(dir, List.of("chown", "-R", "news:news", db.toString()), dir);
        // nnrpd refuses a TLS key others can read
        run(dir, List.of("chmod", "600", etc.resolve("key.pem").toString()), dir);
    }

    private void writeInnConf(int innPort) throws IOException {
        List<String> conf = new ArrayList<>(List.of(
                "mta: \"/bin/false %s\"", "mailcmd: /bin/true", "organization: \"Ferry test\"",
                "ovmethod: tradindexed", "hismethod: hisv6", "enableoverview: true", "wireformat: true",
                "pathhost: ferry.test", "domain: ferry.test", "fromhost: ferry.test", "server: 127.0.0.1",
                "bindaddress: 127.0.0.1", "port: " + innPort, "nnrpdpostport: " + innPort,
                "noreader: false", "readerswhenstopped: false", "doinnwatch: false", "pgpverify: false",
                "artcutoff: 0", "allownewnews: true", "nnrpdloadlimit: 0", "checkincludedtext: false",
                "maxartsize: 1000000", "localmaxartsize: 1000000", "pathnews: /usr/lib/news",
                "tlscertfile: " + dir.resolve("etc/cert.pem"), "tlskeyfile: " + dir.resolve("etc/key.pem"),
                "tlscafile: " + dir.resolve("etc/cert.pem"),
                "pathbin: " + BIN, "pathcontrol: " + BIN.resolve("control"), "pathfilter: /etc/news/filter",
                "patharchive: " + dir.resolve("spool/archive"), "patharticles: " + dir.resolve("spool/articles"),
                "pathdb: " + dir.resolve("db"), "pathetc: " + dir.resolve("etc"), "pathhttp: " + dir.resolve("tmp"),
                "pathincoming: " + dir.resolve("spool/incoming"), "pathlog: " + dir.resolve("log"),
                "pathoutgoing: " + dir.resolve("spool/outgoing"), "pathoverview: " + dir.resolve("spool/overview"),
                "pathrun: " + dir.resolve("run"), "pathspool: " + dir.resolve("spool"), "pathtmp: " + dir.resolve("tmp")));
        Files.write(dir.resolve("etc/inn.conf"), conf);
    }

    private void startServers() throws Exception {
        IOException last = null;
        // innd and nnrpd take fixed ports: try random ones, a taken one shows as the server not answering
        for (int attempt = 0; attempt < 8; attempt++) {
            int innPort = ThreadLocalRandom.current().nextInt(30000, 34999);
            int tlsPort = innPort + 5000;
            writeInnConf(innPort);
            Process d = launch("innd.out", BIN.resolve("innd").toString(), "-f");
            if (!greets(d, innPort)) {
                stop(d);
                last = new IOException("innd did not answer on 127.0.0.1:" + innPort + ": " + output("innd.out"));
                continue;
            }
            Process r = launch("nnrpd.out", BIN.resolve("nnrpd").toString(), "-D", "-f", "-S", "-b", "127.0.0.1",
                    "-p", Integer.toString(tlsPort));
            if (!listens(r, tlsPort)) {
                stop(r);
                stop(d);
                last = new IOException("nnrpd -S did not listen on 127.0.0.1:" + tlsPort + ": " + output("nnrpd.out"));
                continue;
            }
            innd = d;
            nnrpd = r;
            port = innPort;
            nntpsPort = tlsPort;
            return;
        }
        throw last;
    }

    private Process launch(String out, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(out).toFile());
        builder.environment().put("INNCONF", dir.resolve("etc/inn.conf").toString());
        return builder.start();
    }

    private String output(String name) throws IOException {
        Path file = dir.resolve(name);
        return Files.exists(file) ? Files.readString(file).strip() : "";
    }

    private static boolean greets(Process p, int port) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline) && p.isAlive()) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(10000);
                String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
                return line != null && line.startsWith("200");
            } catch (IOException e) {
                // not listening yet
                p.waitFor(100, TimeUnit.MILLISECONDS);
            }
        }
        return false;
    }

    private static boolean listens(Process p, int port) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline) && p.isAlive()) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                // not listening yet
                p.waitFor(100, TimeUnit.MILLISECONDS);
            }
        }
        return false;
    }

    private static void stop(Process p) throws InterruptedException {
        if (p == null) {
            return;
        }
        // the nnrpd children that serve readers outlive their parent otherwise
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    private static String crypt(String password) throws Exception {
        Process p = new ProcessBuilder(TestCertificate.OPENSSL, "passwd", "-5", "-stdin").redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write((password + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0 || !out.startsWith("$5$")) {
            throw new IOException("openssl passwd failed: " + out);
        }
        return out;
    }

    private static void run(Path dir, List<String> command, Path workDir) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(workDir.toFile());
        builder.environment().put("INNCONF", dir.resolve("etc/inn.conf").toString());
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    @Override
    public void close() throws Exception {
        stop(nnrpd);
        stop(innd);
        run(dir, List.of("rm", "-rf", dir.toString()), Path.of("/"));
    }
}
