package ferry;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.ftplib.FtpSettings;
import ferry.smtplib.MailProtocol;
import ferry.smtplib.SmtpSecurity;
import ferry.smtplib.SmtpSettings;
import ferry.nntplib.NntpSecurity;
import ferry.nntplib.NntpSettings;
import ferry.tls.TlsSettings;
import org.junit.jupiter.api.Test;

/** Settings records end up in log lines and exception messages: their text never holds a password. */
class SettingsRecordsTest {

    private static final String SECRET = "s3cret-Pw!";

    @Test
    void should_print_ftp_settings_without_passwords() {
        TlsSettings tls = new TlsSettings("trust.p12", SECRET, false, "");
        FtpSettings ftp = new FtpSettings("ftp", "ftp.example.com", 21, "ferry", SECRET, true, true, 10000, 4096,
                "explicit", tls, "", "");
        String text = ftp.toString();
        assertFalse(text.contains(SECRET), text);
        assertTrue(text.contains("ftp.example.com") && text.contains("xxxxxx") && text.contains("trust.p12"), text);
    }

    @Test
    void should_print_smtp_settings_without_the_password() {
        SmtpSettings smtp = new SmtpSettings(MailProtocol.SMTP, "mail.example.com", 587, SmtpSecurity.STARTTLS, "ferry",
                SECRET, null, 10000, false, false, null, false, new ferry.tls.TlsSettings("trust.p12", SECRET, false, ""));
        String text = smtp.toString();
        assertFalse(text.contains(SECRET), text);
        assertTrue(text.contains("mail.example.com:587") && text.contains("xxxxxx") && text.contains("trust.p12"), text);
    }

    @Test
    void should_print_nntp_settings_without_the_password() {
        NntpSettings nntp = new NntpSettings("news.example.com", 563, "ferry", SECRET, NntpSecurity.SSL,
                new TlsSettings("trust.p12", SECRET, false, ""), 10000, true);
        String text = nntp.toString();
        assertFalse(text.contains(SECRET), text);
        assertTrue(text.contains("news.example.com:563") && text.contains("xxxxxx"), text);
    }
}
