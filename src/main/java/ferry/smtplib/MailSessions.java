package ferry.smtplib;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import jakarta.mail.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the Jakarta Mail session of a step from its {@link SmtpSettings} alone: nothing from the exchange
 * (headers, body) ever becomes a {@code mail.*} property. TLS certificates and host names are verified unless
 * the step says otherwise, and then it is logged.
 */
final class MailSessions {

    private static final Logger LOG = LoggerFactory.getLogger(MailSessions.class);
    private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";
    private static final String ANGUS_STREAMS = "org.eclipse.angus.mail.util.MailStreamProvider";

    static {
        // Jakarta Mail finds its StreamProvider anew for every multipart and every message written: through a
        // ServiceLoader scan of the class path, unless this property names it (3% of ftp-to-mail's CPU). It names
        // the one the scan finds, Angus Mail's; a value set by the user stays.
        if (System.getProperty(STREAM_PROVIDER) == null) {
            try {
                Class.forName(ANGUS_STREAMS, false, MailSessions.class.getClassLoader());
                System.setProperty(STREAM_PROVIDER, ANGUS_STREAMS);
            } catch (ClassNotFoundException e) {
                // another Jakarta Mail implementation: its own lookup goes on as before
            }
        }
    }

    private MailSessions() {
    }

    static Session create(SmtpSettings s) {
        Properties p = new Properties();
        String timeout = String.valueOf(s.timeoutMillis());
        p.setProperty("mail.smtp.host", s.host());
        p.setProperty("mail.smtp.port", String.valueOf(s.port()));
        p.setProperty("mail.smtp.connectiontimeout", timeout);
        p.setProperty("mail.smtp.timeout", timeout);
        p.setProperty("mail.smtp.writetimeout", timeout);
        p.setProperty("mail.smtp.auth", String.valueOf(s.username() != null));
        // smtplib's sendmail returns the refused recipients and delivers to the others
        p.setProperty("mail.smtp.sendpartial", "true");
        p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        // short SMTP lines must not wait for delayed ACKs (see NoDelaySocketFactory)
        p.put("mail.smtp.socketFactory", new ferry.tls.NoDelaySocketFactory());
        if (s.heloName() != null) {
            p.setProperty("mail.smtp.localhost", s.heloName());
        }
        if (s.security() == SmtpSecurity.SSL) {
            p.setProperty("mail.smtp.ssl.enable", "true");
        } else if (s.security() == SmtpSecurity.STARTTLS) {
            p.setProperty("mail.smtp.starttls.enable", "true");
            p.setProperty("mail.smtp.starttls.required", "true");
        }
        if (s.trustAll()) {
            LOG.warn("smtplib: TLS certificate and host name checks are OFF for {} (trustAll=true); use only for tests",
                    s.server());
            p.setProperty("mail.smtp.ssl.trust", "*");
            p.setProperty("mail.smtp.ssl.checkserveridentity", "false");
        } else if (s.trustedHosts() != null) {
            LOG.warn("smtplib: certificates of {} are trusted without a chain check (trustedHosts)", s.trustedHosts());
            p.setProperty("mail.smtp.ssl.trust", s.trustedHosts());
        } else if (s.security() != SmtpSecurity.NONE) {
            // the trust of tls.trust-store (a private CA), as for the ftplib steps and the workflows; the factory's
            // sockets check the host name too (off only with tls.insecure)
            p.put("mail.smtp.ssl.socketFactory", s.tls().socketFactory());
            p.setProperty("mail.smtp.ssl.checkserveridentity", String.valueOf(!s.tls().insecure()));
            // never fall back to the JDK's default TLS, whose "PKIX path building failed" would hide the real reason
            p.setProperty("mail.smtp.ssl.socketFactory.fallback", "false");
            p.setProperty("mail.smtp.socketFactory.fallback", "false");
            if (s.tls().protocolList() != null) {
                p.setProperty("mail.smtp.ssl.protocols", String.join(" ", s.tls().protocolList()));
            }
        }
        if (s.smtputf8()) {
            // UTF-8 in headers and addresses; Angus then sends SMTPUTF8 when the server offers it
            p.setProperty("mail.mime.allowutf8", "true");
        }
        // Angus's default, said here because the debug log (debug=true) relies on it: the AUTH exchange, with the
        // credentials, is left out of the trace, which reads "AUTH PLAIN command trace suppressed" instead
        p.setProperty("mail.debug.auth", "false");
        Session session = Session.getInstance(p);
        if (s.debug()) {
            session.setDebugOut(new PrintStream(new ConversationLog(s.server()), true, StandardCharsets.UTF_8));
            session.setDebug(true);
        }
        return session;
    }
}
