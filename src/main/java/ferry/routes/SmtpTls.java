package ferry.routes;

import java.util.Properties;

import ferry.tls.TlsSettings;

/**
 * The JavaMail settings for {@code smtp.security}: {@code starttls} (required: a server that does not offer it is
 * refused), {@code ssl} (TLS from the first byte) or {@code none}; with TLS the certificate is checked against
 * {@code tls.trust-store} and must name the host, unless {@code tls.insecure}.
 */
final class SmtpTls {

    private SmtpTls() {
    }

    static Properties properties(String security, TlsSettings tls) {
        Properties p = new Properties();
        boolean ssl = "ssl".equals(security);
        boolean starttls = "starttls".equals(security);
        // short SMTP lines must not wait for delayed ACKs (see NoDelaySocketFactory)
        p.put("mail.smtp.socketFactory", new ferry.tls.NoDelaySocketFactory());
        p.put("mail.smtp.ssl.enable", String.valueOf(ssl));
        p.put("mail.smtp.starttls.enable", String.valueOf(starttls));
        p.put("mail.smtp.starttls.required", String.valueOf(starttls));
        if (ssl || starttls) {
            // used for both SMTP over TLS and the STARTTLS upgrade; carries the trust of tls.trust-store
            // the factory's sockets check the host name in the handshake (off only with tls.insecure), and Angus checks
            // it again after the handshake
            p.put("mail.smtp.ssl.socketFactory", tls.socketFactory());
            p.put("mail.smtp.ssl.checkserveridentity", String.valueOf(!tls.insecure()));
            // Angus's default: when the factory's socket fails, retry with the JDK's default TLS, whose "PKIX path
            // building failed" then hides the real reason (a certificate naming another host). Never fall back.
            p.put("mail.smtp.ssl.socketFactory.fallback", "false");
            p.put("mail.smtp.socketFactory.fallback", "false");
            if (tls.protocols() != null && !tls.protocols().isBlank()) {
                p.put("mail.smtp.ssl.protocols", String.join(" ", tls.protocolList()));
            }
        }
        return p;
    }
}
