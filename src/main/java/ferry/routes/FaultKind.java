package ferry.routes;

import java.net.ConnectException;
import java.net.SocketTimeoutException;

import java.util.Set;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchHostKeyException;
import com.jcraft.jsch.JSchSessionDisconnectException;
import com.jcraft.jsch.SftpException;
import ferry.ftplib.FtpPermanentException;
import ferry.smtplib.SmtpException;
import ferry.smtplib.SmtpPermanentException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Sorts a failure into permanent (the server said no: a 5xx reply, a refused login, an SFTP status that
 * will not change, an invalid address) or temporary (anything else: connection refused or lost, timeouts, 4xx), which is worth waiting out.
 */
public final class FaultKind {

    private FaultKind() {
    }

    /**
     * SSH_FX_NO_SUCH_FILE, SSH_FX_PERMISSION_DENIED, SSH_FX_FAILURE, SSH_FX_OP_UNSUPPORTED (SFTP version 3, which
     * JSch speaks), and the finer codes of version 6 that servers such as MINA SSHD also send: NO_SUCH_PATH,
     * WRITE_PROTECT, NOT_A_DIRECTORY.
     */
    private static final Set<Integer> PERMANENT_SFTP_STATUS = Set.of(ChannelSftp.SSH_FX_NO_SUCH_FILE,
            ChannelSftp.SSH_FX_PERMISSION_DENIED, ChannelSftp.SSH_FX_FAILURE, ChannelSftp.SSH_FX_OP_UNSUPPORTED,
            10, 12, 19);

    /** The longest name a Linux or BSD file system takes, in bytes (NAME_MAX). */
    private static final int NAME_MAX = 255;

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
            if (t instanceof java.nio.file.AccessDeniedException || isNameTooLong(t)) {
                // a local permission or name problem does not clear by waiting (a full disk does)
                return true;
            }
            // an untrusted certificate or a server without the required TLS does not change by waiting
            if (t instanceof javax.net.ssl.SSLHandshakeException || t instanceof javax.net.ssl.SSLPeerUnverifiedException
                    || t instanceof java.security.cert.CertificateException
                    || t instanceof ferry.ssh.HostKeyRefusedException
                    // Angus Mail's own fixed text (no type of its own): the server offers no STARTTLS
                    || String.valueOf(t.getMessage()).contains("STARTTLS is required")
                    // JSch: the SFTP server's key is not the one in known_hosts (changed, unknown, revoked)
                    || t instanceof JSchHostKeyException) {
                return true;
            }
            if (t instanceof SftpException sftp) {
                // the server's SFTP status, not its (localized, free) text: no such file, permission denied,
                // failure (a folder that cannot be created or entered), operation unsupported
                // JSch reports a connection that broke mid-transfer ("Pipe closed") as status 4 with the I/O error as
                // its cause: that is a temporary fault (a server restarting), not a refusal
                return !(sftp.getCause() instanceof java.io.IOException) && PERMANENT_SFTP_STATUS.contains(sftp.id);
            }
            if (isSshLoginRefused(t)) {
                return true;
            }
            if (t instanceof SmtpException smtp) {
                // smtplib's hierarchy says it: refused recipients, 5xx (also LMTP's after DATA) are permanent
                return t instanceof SmtpPermanentException;
            }
            // a file whose attempts kept ending with Ferry itself: taking it again would only repeat that
            if (t instanceof ferry.ledger.AttemptsDiedException) {
                return true;
            }
            if (t instanceof ferry.ftplib.FtpTransferAbortedException) {
                // the server had accepted the transfer (1xx) and broke it while the bytes moved (a server stopped
                // mid-transfer answers 551): the file was not refused, and the next attempt overwrites the part file
                return false;
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

    /**
     * The SSH server refused the login. JSch has no type for a plain refusal: its fixed, English-only text
     * "Auth fail" (not the server's words, nor the system locale's) is what it throws; a server that hangs up
     * instead says so with a disconnect reason code.
     */
    private static boolean isSshLoginRefused(Throwable t) {
        if (t instanceof JSchSessionDisconnectException d) {
            return d.getReasonCode() == SSH_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE
                    || d.getReasonCode() == SSH_DISCONNECT_ILLEGAL_USER_NAME;
        }
        return t instanceof JSchException && String.valueOf(t.getMessage()).startsWith("Auth fail");
    }

    private static final int SSH_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE = 14;
    private static final int SSH_DISCONNECT_ILLEGAL_USER_NAME = 15;

    /** A local file name longer than the file system takes: told by the name itself, not by the OS's message. */
    private static boolean isNameTooLong(Throwable t) {
        if (!(t instanceof java.nio.file.FileSystemException f) || f.getFile() == null) {
            return false;
        }
        java.nio.file.Path name = java.nio.file.Path.of(f.getFile()).getFileName();
        return name != null && name.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > NAME_MAX;
    }
}
