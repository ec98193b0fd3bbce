package ferry.servers;

import ferry.smtplib.SmtpSettings;
import ferry.tls.TlsSettings;

/** A named mail server as a flow uses it: where and how to connect, and whom to trust. */
public record MailServer(String name, SmtpSettings smtp, TlsSettings tls) {

    /** {@code none}, {@code starttls} or {@code ssl}, as the keys spell it. */
    public String security() {
        return smtp.security().name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        // never the password
        return name + " (" + smtp.protocol().name().toLowerCase(java.util.Locale.ROOT) + "://" + smtp.server() + ")";
    }
}
