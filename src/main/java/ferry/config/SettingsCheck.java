package ferry.config;

import java.util.List;
import java.util.Optional;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Checks the config contract before anything starts, so a wrong value stops Ferry with one line naming
 * the key and what it accepts, and derives the few settings that routes cannot compute themselves.
 */
public class SettingsCheck extends MainListenerSupport {

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        check(main.getCamelContext().getPropertiesComponent());
    }

    /** Checks every key of the contract; the first wrong one throws {@link InvalidSettingException}. */
    public static void check(PropertiesComponent pc) {
        Settings s = new Settings(pc);
        s.oneOf("ferry.embedded", "true", "false");
        s.required("ferry.data");
        s.required("ftp.host");
        s.port("ftp.port");
        s.required("ftp.username");
        s.oneOf("ftp.passive", "true", "false");
        s.absolutePath("ftp.incoming");
        s.supported("ftp.protocol", List.of("ftp", "sftp"), List.of("ftp"));
        s.supported("ftp.security", List.of("none", "explicit", "implicit"), List.of("none"));
        s.positive("ftp.timeout");
        s.required("smtp.host");
        s.port("smtp.port");
        s.port("imap.port");
        String security = s.oneOf("smtp.security", "none", "starttls", "ssl");
        s.addresses("mail.from");
        s.addresses("mail.to");
        s.size("mail.max-attachment-size");
        s.positive("ferry.poll-delay");
        s.positive("ferry.outbox.stable-time");
        s.integer("ferry.retry.for");
        s.positive("ferry.retry.delay");
        s.positive("ferry.retry.max-delay");
        s.positive("ferry.ledger.lease");
        s.required("ferry.routes");
        s.oneOf("ferry.reload.enabled", "true", "false");
        s.nonNegative("ferry.reload.debounce");
        s.positive("ferry.reload.scan-interval");
        s.positive("ferry.health.timeout");
        s.nonNegative("ferry.health.cache");
        s.positive("ferry.progress-interval");

        // derived: the mail endpoint's TLS switches follow from smtp.security
        pc.addOverrideProperty("ferry.smtp.ssl", String.valueOf("ssl".equals(security)));
        pc.addOverrideProperty("ferry.smtp.starttls", String.valueOf("starttls".equals(security)));
    }

    /** Reads and checks one key at a time; every failure names the key and what it accepts. */
    static final class Settings {
        private final PropertiesComponent pc;

        Settings(PropertiesComponent pc) {
            this.pc = pc;
        }

        String value(String key) {
            Optional<String> v = pc.resolveProperty(key);
            return v.map(String::trim).orElse("");
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

        void supported(String key, List<String> contract, List<String> implemented) {
            String v = oneOf(key, contract.toArray(String[]::new));
            if (!implemented.contains(v)) {
                throw new InvalidSettingException(key, "= '" + v + "' is not supported by this version yet; use "
                        + String.join(", ", implemented));
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

        void absolutePath(String key) {
            String v = required(key);
            if (!v.startsWith("/")) {
                throw new InvalidSettingException(key, "= '" + v + "' must be an absolute remote path such as /incoming");
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
