package ferry.routes;

import java.net.ConnectException;
import java.net.SocketTimeoutException;

import ferry.ftplib.FtpPermanentException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Sorts a failure into permanent (the server said no: a 5xx reply, a refused login, an invalid address)
 * or temporary (anything else: connection refused or lost, timeouts, 4xx), which is worth waiting out.
 */
public final class FaultKind {

    private FaultKind() {
    }

    /** For {@code onWhen}: is the exchange's exception permanent? */
    public static boolean isPermanent(Exchange exchange) {
        return isPermanent(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class))
                || isPermanent(exchange.getException());
    }

    public static boolean isPermanent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof SocketTimeoutException) {
                return false;
            }
            if (t instanceof java.nio.file.FileSystemException f && f.getReason() != null
                    && (f.getReason().contains("name too long") || f.getReason().contains("Permission denied"))) {
                // a local name or permission problem does not clear by waiting (a full disk does)
                return true;
            }
            // an untrusted certificate or a server without the required TLS does not change by waiting
            if (t instanceof javax.net.ssl.SSLHandshakeException || t instanceof javax.net.ssl.SSLPeerUnverifiedException
                    || t instanceof java.security.cert.CertificateException
                    || t instanceof ferry.ssh.HostKeyRefusedException
                    || String.valueOf(t.getMessage()).contains("STARTTLS is required")
                    // JSch: the SFTP server's key is not the one in known_hosts
                    || String.valueOf(t.getMessage()).contains("HostKey")) {
                return true;
            }
            if (t instanceof FtpPermanentException || t instanceof AuthenticationFailedException
                    || t instanceof AddressException || t instanceof IllegalArgumentException) {
                return true;
            }
            if (t instanceof ferry.nntplib.NntpException n && isPermanentNews(n)) {
                return true;
            }
            if (t instanceof GenericFileOperationFailedException g && g.getCode() >= 500 && g.getCode() < 600) {
                return true;
            }
            if (t instanceof SMTPSendFailedException s) {
                return s.getReturnCode() >= 500;
            }
            if (t instanceof SMTPAddressFailedException a) {
                return a.getReturnCode() >= 500;
            }
            if (t instanceof SendFailedException s && s.getValidSentAddresses() == null
                    && s.getInvalidAddresses() != null && s.getInvalidAddresses().length > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * A 5xx, or a 4xx that waiting does not change: 440 posting not allowed, 441 posting refused (the article as it
     * is), 481 wrong password, 483 encryption or stronger authentication required.
     */
    private static boolean isPermanentNews(ferry.nntplib.NntpException n) {
        int code = n.getReplyCode();
        return n instanceof ferry.nntplib.NntpPermanentException || code == 440 || code == 441 || code == 481 || code == 483;
    }
}
