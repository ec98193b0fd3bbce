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
    private final int tlsPort;
    private final DemoCertificate tls;
    private TlsTunnel tunnel;

    public EmbeddedMailServer(Path mailFolder, String recipients, String password, int smtpPort, int imapPort) {
        this(mailFolder, recipients, password, smtpPort, imapPort, null);
    }

    /** With a certificate, SMTP is spoken over TLS on {@code smtpPort} (GreenMail itself then listens on a private port). */
    public EmbeddedMailServer(Path mailFolder, String recipients, String password, int smtpPort, int imapPort,
                              DemoCertificate tls) {
        this.tlsPort = smtpPort;
        this.tls = tls;
        this.mailFolder = mailFolder;
        this.recipients = recipients;
        this.password = password;
        this.greenMail = new GreenMail(new ServerSetup[] {
            new ServerSetup(tls == null ? smtpPort : 0, HOST, ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(imapPort, HOST, ServerSetup.PROTOCOL_IMAP)
        });
    }

    public void start() {
        greenMail.start();
        if (tls != null) {
            tunnel = new TlsTunnel(tlsPort, greenMail.getSmtp().getPort(), tls);
            tunnel.start();
        }
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
        if (tunnel != null) {
            tunnel.stop();
        }
        greenMail.stop();
    }

    /** Where Ferry sends mail: GreenMail's SMTP port, or the TLS port in front of it. */
    public int getSmtpPort() {
        return tunnel != null ? tunnel.getPort() : greenMail.getSmtp().getPort();
    }

    public int getImapPort() {
        return greenMail.getImap().getPort();
    }

    public GreenMail greenMail() {
        return greenMail;
    }
}
