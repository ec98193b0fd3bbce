package ferry.routes;

import jakarta.mail.PasswordAuthentication;
import org.apache.camel.component.mail.MailAuthenticator;

/**
 * SMTP login for the mail step. A blank user name means "no AUTH": camel-mail would otherwise try to
 * log in with an empty name, which servers that offer AUTH refuse.
 */
public class SmtpCredentials extends MailAuthenticator {

    private final String username;
    private final String password;

    public SmtpCredentials(String username, String password) {
        this.username = username == null || username.isBlank() ? null : username.trim();
        this.password = password;
    }

    @Override
    public PasswordAuthentication getPasswordAuthentication() {
        return new PasswordAuthentication(username, username == null ? null : password);
    }
}
