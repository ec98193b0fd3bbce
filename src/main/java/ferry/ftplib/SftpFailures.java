package ferry.ftplib;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.SftpException;
import ferry.ssh.HostKeyRefusedException;
import org.apache.camel.util.ObjectHelper;

/** JSch's failures as the ftplib exception of the same meaning; SFTP status codes take the place of FTP replies. */
final class SftpFailures {

    private SftpFailures() {
    }

    /** Connecting or logging in failed (JSch says which only in its message and the cause). */
    static FtpException connect(String server, String user, Exception e) {
        HostKeyRefusedException refusedKey = ObjectHelper.getException(HostKeyRefusedException.class, e);
        if (refusedKey != null) {
            return new FtpPermanentException("connect", null, server, refusedKey.getMessage(), e);
        }
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("Auth fail") || message.startsWith("Auth cancel")) {
            return new FtpPermanentException("login", user, server, "login refused (user name or password not accepted"
                    + " by the SSH server)", e);
        }
        if (ObjectHelper.getException(UnknownHostException.class, e) != null) {
            return new FtpConnectionException("connect", null, server, "unknown host", e);
        }
        if (ObjectHelper.getException(ConnectException.class, e) != null || ObjectHelper.getException(NoRouteToHostException.class, e) != null) {
            return new FtpConnectionException("connect", null, server, "connection refused or unreachable", e);
        }
        if (ObjectHelper.getException(SocketTimeoutException.class, e) != null || message.toLowerCase(Locale.ROOT).contains("timeout")) {
            return new FtpConnectionException("connect", null, server, "timed out", e);
        }
        if (message.contains("invalid server's version string")) {
            return new FtpProtocolException("connect", null, server, 0, "not an SSH server: " + message, e);
        }
        return new FtpConnectionException("connect", null, server, message, e);
    }

    /** A failed SFTP request; {@code text} is the step's reply for it, {@code open}: is the session still connected. */
    static FtpException failure(String operation, String path, String server, SftpException e, String text, boolean open) {
        boolean lost = e.id == ChannelSftp.SSH_FX_NO_CONNECTION || e.id == ChannelSftp.SSH_FX_CONNECTION_LOST
                || e.getCause() instanceof IOException || !open;
        if (lost) {
            return new FtpConnectionException(operation, path, server, "connection lost: " + e.getMessage(), e);
        }
        if (e.id == ChannelSftp.SSH_FX_BAD_MESSAGE) {
            return new FtpProtocolException(operation, path, server, e.id, text, e);
        }
        // no such file, permission denied, the server's generic "failure" (a folder not empty, a name taken) and
        // an operation it does not support: asking again will not help
        return new FtpPermanentException(operation, path, server, e.id, text, e);
    }

    /** The words for an SFTP status code. */
    static String status(int id) {
        return switch (id) {
            case ChannelSftp.SSH_FX_EOF -> "end of file";
            case ChannelSftp.SSH_FX_NO_SUCH_FILE -> "no such file";
            case ChannelSftp.SSH_FX_PERMISSION_DENIED -> "permission denied";
            case ChannelSftp.SSH_FX_FAILURE -> "failure";
            case ChannelSftp.SSH_FX_BAD_MESSAGE -> "bad message";
            case ChannelSftp.SSH_FX_OP_UNSUPPORTED -> "operation not supported by the server";
            default -> "SFTP status";
        };
    }
}
