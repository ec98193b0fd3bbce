package ferry.servers;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ferry.config.ConfigValues;
import ferry.ftplib.FtpSettings;
import ferry.smtplib.MailProtocol;
import ferry.smtplib.SmtpSecurity;
import ferry.smtplib.SmtpSettings;
import ferry.ssh.HostKeyFingerprint;
import ferry.tls.TlsSettings;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The servers flows name: {@code server.<name>.*} (FTP, FTPS, SFTP) and {@code mail-server.<name>.*} (SMTP, LMTP)
 * in the configuration, and the server named {@code default} from the flat {@code ftp.*} / {@code smtp.*} keys.
 * A name is turned into the settings the steps take; an unknown or incomplete server is refused with one message
 * naming the flow, the server and everything missing. Passwords come from the value (often {@code {{env:NAME}}}),
 * the environment ({@code SERVER_ACME_PASSWORD}) or {@code .password-file}, and never appear in a message.
 */
public final class Servers {

    public static final String DEFAULT = "default";
    public static final String FTP_PREFIX = "server.";
    public static final String MAIL_PREFIX = "mail-server.";

    private static final Map<String, String> DEFAULT_FTP = Map.ofEntries(Map.entry("protocol", "ftp.protocol"),
            Map.entry("host", "ftp.host"), Map.entry("port", "ftp.port"), Map.entry("username", "ftp.username"),
            Map.entry("password", "ftp.password"), Map.entry("passive", "ftp.passive"),
            Map.entry("security", "ftp.security"), Map.entry("timeout", "ftp.timeout"),
            Map.entry("trust-store", "tls.trust-store"), Map.entry("trust-store-password", "tls.trust-store-password"),
            Map.entry("known-hosts", "sftp.known-hosts"), Map.entry("host-key-fingerprint", "sftp.host-key-fingerprint"));
    private static final Map<String, String> DEFAULT_MAIL = Map.of("host", "smtp.host", "port", "smtp.port",
            "username", "smtp.username", "password", "smtp.password", "security", "smtp.security");

    /** Every key of a {@code server.<name>.*} block (how its environment variables are recognised). */
    public static final List<String> FTP_KEYS = List.of("protocol", "host", "port", "username", "password", "password-file",
            "passive", "security", "timeout", "trust-store", "trust-store-password", "known-hosts", "host-key-fingerprint");
    /** Every key of a {@code mail-server.<name>.*} block. */
    public static final List<String> MAIL_KEYS = List.of("protocol", "host", "port", "username", "password", "password-file",
            "security", "timeout", "trust-store", "trust-store-password");

    private final PropertiesComponent pc;

    public Servers(PropertiesComponent pc) {
        this.pc = pc;
    }

    /** The FTP/SFTP servers defined: {@code default} and every {@code server.<name>.*} (or {@code SERVER_<NAME>_*}). */
    public SortedSet<String> ftpNames() {
        return names(FTP_PREFIX, FTP_KEYS);
    }

    /** The mail servers defined: {@code default} and every {@code mail-server.<name>.*} (or {@code MAIL_SERVER_<NAME>_*}). */
    public SortedSet<String> mailNames() {
        return names(MAIL_PREFIX, MAIL_KEYS);
    }

    /** The named FTP, FTPS or SFTP server's settings, or an error naming the flow, the server and what is wrong. */
    public FtpSettings ftp(String flow, String name) {
        requireDefined(flow, "server", name, ftpNames());
        boolean flat = DEFAULT.equals(name);
        ServerKeys k = new ServerKeys(pc, FTP_PREFIX + name + ".", flat ? DEFAULT_FTP : Map.of());
        String protocol;
        String security;
        if (flat) {
            protocol = k.oneOf("protocol", "ftp", "ftp", "sftp");
            security = k.oneOf("security", "none", "none", "explicit", "implicit");
        } else {
            String given = k.oneOf("protocol", "ftp", "ftp", "ftps", "sftp");
            protocol = "sftp".equals(given) ? "sftp" : "ftp";
            security = "ftps".equals(given) ? k.oneOf("security", "explicit", "explicit", "implicit")
                    : k.oneOf("security", "none", "none", "explicit", "implicit");
        }
        if ("sftp".equals(protocol) && !"none".equals(security)) {
            k.problems.add(k.key("security") + " = '" + security + "' applies to FTP only; SFTP is always encrypted");
        }
        String host = k.required("host");
        int defaultPort = "sftp".equals(protocol) ? 22 : "implicit".equals(security) ? 990 : 21;
        int port = k.number("port", defaultPort, 65535);
        String username = k.value("username", "anonymous");
        String password = k.password();
        boolean passive = Boolean.parseBoolean(k.oneOf("passive", "true", "true", "false"));
        int timeout = k.number("timeout", intOr(ConfigValues.get(pc, "ftp.timeout"), 10000), Integer.MAX_VALUE);
        String knownHosts = k.value("known-hosts", ConfigValues.get(pc, "sftp.known-hosts"));
        String fingerprint = k.value("host-key-fingerprint", "");
        if ("sftp".equals(protocol)) {
            try {
                if (HostKeyFingerprint.parseAll(k.key("host-key-fingerprint"), fingerprint).isEmpty()
                        && !java.nio.file.Files.isReadable(java.nio.file.Path.of(knownHosts))) {
                    k.problems.add(k.key("known-hosts") + " = '" + knownHosts + "' is not a readable file (or set "
                            + k.key("host-key-fingerprint") + "): the server's host key is always checked");
                }
            } catch (IllegalArgumentException e) {
                k.problems.add(e.getMessage());
            }
        }
        TlsSettings tls = tls(k);
        complain(flow, "server", name, k);
        return new FtpSettings(protocol, host, port, username, password, passive, true, timeout, 256 * 1024,
                security, tls, knownHosts, fingerprint);
    }

    /** The named SMTP or LMTP server's settings, or an error naming the flow, the server and what is wrong. */
    public MailServer mail(String flow, String name) {
        requireDefined(flow, "mail server", name, mailNames());
        boolean flat = DEFAULT.equals(name);
        ServerKeys k = new ServerKeys(pc, MAIL_PREFIX + name + ".", flat ? DEFAULT_MAIL : Map.of());
        MailProtocol protocol = MailProtocol.of(k.oneOf("protocol", "smtp", "smtp", "lmtp"));
        SmtpSecurity security = SmtpSecurity.of(k.oneOf("security", "none", "none", "starttls", "ssl"));
        String host = k.required("host");
        int defaultPort = protocol == MailProtocol.LMTP ? 24 : security == SmtpSecurity.SSL ? 465 : 25;
        int port = k.number("port", defaultPort, 65535);
        String username = k.value("username", "");
        String password = k.password();
        int timeout = k.number("timeout", intOr(ConfigValues.get(pc, "ftp.timeout"), 10000), Integer.MAX_VALUE);
        TlsSettings tls = tls(k);
        complain(flow, "mail server", name, k);
        return new MailServer(name, new SmtpSettings(protocol, host, port, security, username, password, null, timeout,
                false, tls.insecure(), null, false, tls), tls);
    }

    /** Every problem of a named server, for {@code validate}; empty when it can be used. */
    public List<String> problems(String flow, String kind, String name) {
        try {
            if ("mail server".equals(kind)) {
                mail(flow, name);
            } else {
                ftp(flow, name);
            }
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(e.getMessage());
        }
    }

    private TlsSettings tls(ServerKeys k) {
        String store = k.value("trust-store", ConfigValues.get(pc, "tls.trust-store"));
        String storePassword = k.value("trust-store-password", ConfigValues.get(pc, "tls.trust-store-password"));
        return new TlsSettings(store, storePassword, Boolean.parseBoolean(ConfigValues.get(pc, "tls.insecure")),
                ConfigValues.get(pc, "tls.protocols"));
    }

    private static void requireDefined(String flow, String kind, String name, SortedSet<String> defined) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("flow " + flow + ": no " + kind + " named; defined: " + String.join(", ", defined));
        }
        if (!defined.contains(name)) {
            throw new IllegalArgumentException("flow " + flow + ": " + kind + " '" + name + "' is not defined; defined: "
                    + String.join(", ", defined));
        }
    }

    private static void complain(String flow, String kind, String name, ServerKeys k) {
        if (!k.problems.isEmpty()) {
            throw new IllegalArgumentException("flow " + flow + ": " + kind + " '" + name + "' is incomplete: "
                    + String.join("; ", k.problems));
        }
    }

    private SortedSet<String> names(String prefix, List<String> keys) {
        Pattern key = Pattern.compile(Pattern.quote(prefix) + "([A-Za-z0-9_-]+)\\.[a-z-]+");
        SortedSet<String> names = new TreeSet<>();
        names.add(DEFAULT);
        List<Properties> sources = new ArrayList<>();
        sources.add(pc.loadProperties());
        // -Dserver.acme.host=... on the command line
        sources.add(System.getProperties());
        for (Properties p : sources) {
            for (String k : p.stringPropertyNames()) {
                Matcher m = key.matcher(k);
                if (m.matches()) {
                    names.add(m.group(1));
                }
            }
        }
        // SERVER_ACME_HOST=... in a container's environment; a name already known (server.acme.port in the file)
        // reads the same variables, so it is not listed twice
        Set<String> known = new HashSet<>();
        names.forEach(n -> known.add(EnvServerNames.envForm(n)));
        for (String n : EnvServerNames.names(System.getenv(), prefix, keys)) {
            if (known.add(EnvServerNames.envForm(n))) {
                names.add(n);
            }
        }
        return names;
    }

    private static int intOr(String value, int fallback) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
