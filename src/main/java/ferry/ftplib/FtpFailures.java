package ferry.ftplib;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

import org.apache.commons.net.MalformedServerReplyException;
import org.apache.commons.net.ftp.FTPConnectionClosedException;

/** FTP replies and commons-net's I/O errors as the ftplib exception of the same meaning, as ftplib raises them. */
final class FtpFailures {

    private FtpFailures() {
    }

    /** 4xx is temporary, 5xx permanent, a code outside 1xx-5xx a protocol error, anything else unexpected. */
    static FtpException reply(String operation, String path, String server, int code, String text) {
        if (code >= 400 && code < 500) {
            return new FtpTemporaryException(operation, path, server, code, text, null);
        }
        if (code >= 500 && code < 600) {
            return new FtpPermanentException(operation, path, server, code, text, null);
        }
        if (code < 100 || code >= 600) {
            return new FtpProtocolException(operation, path, server, code, text, null);
        }
        return new FtpReplyException(operation, path, server, code, text, null);
    }

    /** STOR refused before any data: 550, 551 (MINA) or 553 (vsftpd), the answers for a missing folder, name it. */
    static FtpException storeRefused(String operation, String remote, String server, int code, String text) {
        int slash = remote.lastIndexOf('/');
        if ((code == 550 || code == 551 || code == 553) && slash >= 0) {
            String folder = slash == 0 ? "/" : remote.substring(0, slash);
            return new FtpPermanentException(operation, remote, server, code, text
                    + " (is the folder '" + folder + "' there and writable?)", null);
        }
        return reply(operation, remote, server, code, text);
    }

    /** A command that broke on the wire; {@code code} and {@code text} are the client's latest reply. */
    static FtpException io(String operation, String path, String server, IOException e, int code, String text) {
        if (e instanceof FTPConnectionClosedException) {
            // commons-net reports 421 ("service not available, closing") as a closed connection; ftplib says error_temp
            if (code == 421) {
                return new FtpTemporaryException(operation, path, server, 421, text, e);
            }
            return new FtpConnectionException(operation, path, server, "connection closed by the server", e);
        }
        if (e instanceof MalformedServerReplyException) {
            return new FtpProtocolException(operation, path, server, 0, e.getMessage(), e);
        }
        if (e instanceof SocketTimeoutException) {
            return new FtpConnectionException(operation, path, server, "timed out", e);
        }
        return new FtpConnectionException(operation, path, server, "connection lost: " + e.getMessage(), e);
    }

    /** Connecting to {@code host} failed before its greeting was read. */
    static FtpException connect(String host, String server, IOException e) {
        if (e instanceof UnknownHostException) {
            return new FtpConnectionException("connect", null, server, "unknown host " + host, e);
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return new FtpConnectionException("connect", null, server, "connection refused or unreachable", e);
        }
        if (e instanceof SocketTimeoutException) {
            return new FtpConnectionException("connect", null, server, "timed out", e);
        }
        if (e instanceof MalformedServerReplyException) {
            return new FtpProtocolException("connect", null, server, 0, e.getMessage(), e);
        }
        if (e instanceof javax.net.ssl.SSLHandshakeException) {
            // an untrusted certificate, one issued for another host name, no common TLS version: waiting won't help
            return new FtpPermanentException("connect", null, server, "TLS handshake with " + host
                    + " refused (certificate untrusted or not issued for " + host + "?): " + e.getMessage(), e);
        }
        if (e instanceof javax.net.ssl.SSLException) {
            return new FtpConnectionException("connect", null, server, "TLS handshake failed: " + e.getMessage(), e);
        }
        String problem = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("timed out")
                ? "timed out waiting for the server's greeting" : e.getMessage();
        return new FtpConnectionException("connect", null, server, problem, e);
    }
}
