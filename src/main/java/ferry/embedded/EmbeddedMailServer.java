package ferry.embedded;

import java.nio.file.Path;

import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo mail server (GreenMail) on 127.0.0.1: SMTP to receive what Ferry sends, IMAP to read it,
 * and a copy of every delivered message as an {@code .eml} file in the mail folder.
 */
public class EmbeddedMailServer {

    public static final String HOST = "127.0.0.1";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMailServer.class);

    private final GreenMail greenMail;
    private final Path mailFolder;
    private final String recipients;
    private final String password;

    public EmbeddedMailServer(Path mailFolder, String recipients, String password, int smtpPort, int imapPort) {
        this.mailFolder = mailFolder;
        this.recipients = recipients;
        this.password = password;
        this.greenMail = new GreenMail(new ServerSetup[] {
            new ServerSetup(smtpPort, HOST, ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(imapPort, HOST, ServerSetup.PROTOCOL_IMAP)
        });
    }

    public void start() {
        greenMail.start();
        UserManager users = greenMail.getUserManager();
        users.setMessageDeliveryHandler(new MailFolderWriter(mailFolder, users.getMessageDeliveryHandler()));
        try {
            // mailboxes for the configured recipients, with the documented demo password, so IMAP logins work at once
            for (InternetAddress a : InternetAddress.parse(recipients)) {
                greenMail.setUser(a.getAddress(), a.getAddress(), password);
            }
        } catch (AddressException e) {
            throw new IllegalArgumentException("setting mail.to = '" + recipients + "' is not a valid address list", e);
        }
        LOG.info("Embedded mail server: SMTP {}:{}, IMAP {}:{}, copies in {}", HOST, getSmtpPort(), HOST,
                getImapPort(), mailFolder);
    }

    public void stop() {
        greenMail.stop();
    }

    public int getSmtpPort() {
        return greenMail.getSmtp().getPort();
    }

    public int getImapPort() {
        return greenMail.getImap().getPort();
    }

    public GreenMail greenMail() {
        return greenMail;
    }
}
