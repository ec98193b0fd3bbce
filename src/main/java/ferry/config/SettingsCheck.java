package ferry.config;

import java.util.List;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the config contract before anything starts, so a wrong value stops Ferry with one line naming
 * the key and what it accepts; warns when TLS verification is switched off.
 */
public class SettingsCheck extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsCheck.class);

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        check(main.getCamelContext().getPropertiesComponent());
    }

    /** Checks every key of the contract; the first wrong one throws {@link InvalidSettingException}. */
    public static void check(PropertiesComponent pc) {
        Settings s = new Settings(pc);
        s.oneOf("ferry.embedded", "true", "false");
        s.oneOf("ferry.embedded.tls", "true", "false");
        s.required("ferry.data");
        s.required("ftp.host");
        s.port("ftp.port");
        s.required("ftp.username");
        s.oneOf("ftp.passive", "true", "false");
        s.remotePath("ftp.incoming");
        String protocol = s.oneOf("ftp.protocol", "ftp", "sftp");
        String ftpSecurity = s.oneOf("ftp.security", "none", "explicit", "implicit");
        if ("sftp".equals(protocol) && !"none".equals(ftpSecurity)) {
            throw new InvalidSettingException("ftp.security", "= '" + ftpSecurity
                    + "' applies to FTP only; SFTP is always encrypted (SSH): set ftp.security=none with ftp.protocol=sftp");
        }
        if ("sftp".equals(protocol) && "false".equals(s.value("ftp.passive"))) {
            throw new InvalidSettingException("ftp.passive", "= 'false' (active mode) applies to FTP only; SFTP carries"
                    + " data on its one SSH connection: set ftp.passive=true with ftp.protocol=sftp");
        }
        boolean pinned = s.fingerprints("sftp.host-key-fingerprint");
        if ("sftp".equals(protocol) && !pinned) {
            // a pinned fingerprint replaces the known_hosts file; one of the two is always required
            s.readableFile("sftp.known-hosts");
        }
        s.positive("ftp.timeout");
        s.required("smtp.host");
        s.port("smtp.port");
        s.port("imap.port");
        s.oneOf("smtp.security", "none", "starttls", "ssl");
        boolean insecure = "true".equals(s.oneOf("tls.insecure", "true", "false"));
        s.protocols("tls.protocols");
        s.trustStore("tls.trust-store", "tls.trust-store-password", insecure);
        if (insecure) {
            LOG.warn("tls.insecure=true: FTPS and SMTP TLS certificates and host names are NOT verified; "
                    + "anyone on the network path can read and change what Ferry sends. Use tls.trust-store instead.");
        }
        s.addresses("mail.from");
        s.addresses("mail.to");
        s.size("mail.max-attachment-size");
        s.positive("ferry.poll-delay");
        s.positive("ferry.outbox.poll-delay");
        s.positive("ferry.outbox.stable-time");
        s.positive("ferry.publish.parallel");
        s.oneOf("collect.enabled", "true", "false");
        s.remotePath("collect.remote-dir");
        // the news server and workflows (docs/nntplib.md)
        s.port("nntp.port");
        s.positive("nntp.timeout");
        s.oneOf("nntp.security", "none", "starttls", "ssl");
        s.oneOf("news-to-mail.enabled", "true", "false");
        s.positive("news-to-mail.poll-interval");
        s.oneOf("post-files.enabled", "true", "false");
        s.addresses("post-files.from");
        s.integer("ferry.retry.for");
        s.positive("ferry.retry.delay");
        s.positive("ferry.retry.max-delay");
        s.positive("ferry.max-files-per-poll");
        s.positive("ferry.ledger.lease");
        String ledgerUrl = s.value("ferry.ledger.url");
        if (!ledgerUrl.isEmpty() && !ledgerUrl.startsWith("jdbc:")) {
            // the value itself is not echoed: a URL may carry a password
            throw new InvalidSettingException("ferry.ledger.url", "is not a JDBC URL (jdbc:postgresql://host:5432/ferry, "
                    + "or empty for the embedded ledger)");
        }
        s.positive("ferry.ledger.retry-failed-after");
        s.positive("ferry.ledger.max-died-attempts");
        s.required("ferry.routes");
        s.oneOf("ferry.reload.enabled", "true", "false");
        s.nonNegative("ferry.reload.debounce");
        s.positive("ferry.reload.scan-interval");
        s.positive("ferry.health.timeout");
        s.nonNegative("ferry.health.cache");
        s.positive("ferry.progress-interval");
    }

    /** Reads and checks one key at a time; every failure names the key and what it accepts. */
    static final class Settings {
        private final PropertiesComponent pc;

        Settings(PropertiesComponent pc) {
            this.pc = pc;
        }

        String value(String key) {
            return ConfigValues.get(pc, key);
        }

        String required(String key) {
            String v = value(key);
            if (v.isEmpty()) {
                throw new InvalidSettingException(key, "is not set");
            }
            return v;
        }

        String oneOf(String key, String... allowed) {
            String v = required(key);
            if (!List.of(allowed).contains(v)) {
                throw new InvalidSettingException(key, "= '" + v + "' is not allowed; use one of " + String.join(", ", allowed));
            }
            return v;
        }

        /** Checks a list of OpenSSH SHA256 fingerprints; true when there is at least one. */
        boolean fingerprints(String key) {
            try {
                return !ferry.ssh.HostKeyFingerprint.parseAll(key, value(key)).isEmpty();
            } catch (IllegalArgumentException e) {
                // the parser's message starts with the key; the exception adds it again
                throw new InvalidSettingException(key, e.getMessage().substring(key.length() + 1));
            }
        }

        void readableFile(String key) {
            String v = required(key);
            if (!java.nio.file.Files.isReadable(java.nio.file.Path.of(v))) {
                throw new InvalidSettingException(key, "= '" + v + "' is not a readable file");
            }
        }

        /** Optional comma-separated TLS versions Ferry can speak. */
        void protocols(String key) {
            String v = value(key);
            for (String p : v.isEmpty() ? new String[0] : v.split(",")) {
                if (!List.of("TLSv1.2", "TLSv1.3").contains(p.trim())) {
                    throw new InvalidSettingException(key, "= '" + v + "' is not allowed; use TLSv1.2, TLSv1.3 or both (comma-separated), or leave it empty");
                }
            }
        }

        /** The trust store must open with its password now, not at the first transfer; the password is never shown. */
        void trustStore(String key, String passwordKey, boolean insecure) {
            String v = value(key);
            if (v.isEmpty() || insecure) {
                return;
            }
            try {
                new ferry.tls.TlsSettings(v, value(passwordKey), false, "").context();
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(key, "= '" + v + "' cannot be used: "
                        + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage())
                        + " (check the file and " + passwordKey + ")");
            }
        }

        void port(String key) {
            long p = number(key);
            if (p > 65535) {
                throw new InvalidSettingException(key, "= '" + p + "' is not a port (0-65535)");
            }
        }

        void positive(String key) {
            if (number(key) <= 0) {
                throw new InvalidSettingException(key, "must be greater than 0");
            }
        }

        void nonNegative(String key) {
            number(key);
        }

        void integer(String key) {
            String v = required(key);
            try {
                Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new InvalidSettingException(key, "= '" + v + "' is not a whole number");
            }
        }

        private long number(String key) {
            String v = required(key);
            try {
                long n = Long.parseLong(v);
                if (n < 0) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new InvalidSettingException(key, "= '" + v + "' is not a non-negative whole number");
            }
        }

        /** A folder as the server names it: absolute ({@code /incoming}) or under the login folder ({@code incoming}). */
        void remotePath(String key) {
            String v = required(key);
            if (v.isBlank() || v.chars().anyMatch(c -> c == '\r' || c == '\n')) {
                throw new InvalidSettingException(key, "= '" + v.replaceAll("[\r\n]", "_")
                        + "' is not a remote folder: name one such as /incoming (absolute) or incoming (under the login folder)");
            }
        }

        void size(String key) {
            String v = required(key);
            try {
                DataSize.parse(v);
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(key, "= " + e.getMessage());
            }
        }

        void addresses(String key) {
            String v = required(key);
            if (v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) {
                throw new InvalidSettingException(key, "contains a line break, which would add mail headers");
            }
            try {
                for (InternetAddress a : InternetAddress.parse(v, true)) {
                    a.validate();
                }
            } catch (AddressException e) {
                throw new InvalidSettingException(key, "= '" + v + "' is not a valid mail address list: " + e.getMessage());
            }
        }
    }
}
