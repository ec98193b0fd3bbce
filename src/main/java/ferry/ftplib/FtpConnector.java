package ferry.ftplib;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPSClient;

import ferry.tls.FtpClients;

/**
 * Brings commons-net's FTP client to the point where a session's steps begin: made with the settings' timeouts and
 * buffers, connected (the greeting checked), logged in, the data connections protected (FTPS), passive or active.
 */
final class FtpConnector {

    private FtpConnector() {
    }

    /** A client for {@code settings}, not connected yet. */
    static FTPClient client(FtpSettings settings, String server) {
        FTPClient client = FtpClients.create(settings.security(), settings.tls());
        client.setControlEncoding(StandardCharsets.UTF_8.name());
        client.setConnectTimeout(settings.timeoutMillis());
        client.setDefaultTimeout(settings.timeoutMillis());
        client.setDataTimeout(Duration.ofMillis(settings.timeoutMillis()));
        // commons-net's 1 KiB default buffers make big transfers crawl
        client.setBufferSize(settings.blockSize());
        if (FtpWireLog.WIRE.isTraceEnabled()) {
            client.addProtocolCommandListener(new FtpWireLog(server));
        }
        return client;
    }

    static void connect(FTPClient client, FtpCommands ftp, FtpSettings settings, String server) throws FtpException {
        try {
            client.connect(settings.host(), settings.port());
        } catch (IOException e) {
            if (e instanceof org.apache.commons.net.ftp.FTPConnectionClosedException && client.getReplyCode() == 421) {
                // a greeting of 421 (busy, too many users): commons-net closes at once; keep the server's own words
                throw FtpFailures.io("connect", null, server, e, 421, client.getReplyString().strip());
            }
            throw FtpFailures.connect(settings.host(), server, e);
        }
        ftp.check("connect", null, client.getReplyCode());
    }

    /** USER and PASS; no user (or "anonymous") logs in anonymously as ftplib does. */
    static void login(FTPClient client, FtpCommands ftp, String username, String password) throws FtpException {
        String user = username == null || username.isEmpty() ? "anonymous" : username;
        String pass = password == null ? "" : password;
        boolean ok = ftp.run("login", user, () -> client.login(user, pass));
        if (!ok) {
            throw ftp.failure("login", user, client.getReplyCode());
        }
    }

    /** FTPS: PBSZ 0 and PROT P, so file contents and listings travel encrypted too. */
    static void protectData(FTPClient client, FtpCommands ftp) throws FtpException {
        FTPSClient ftps = (FTPSClient) client;
        boolean ok = ftp.run("prot", null, () -> {
            try {
                ftps.execPBSZ(0);
                ftps.execPROT("P");
                return true;
            } catch (javax.net.ssl.SSLException e) {
                // commons-net's way of saying the server did not answer 200: the reply code tells the rest
                return false;
            }
        });
        ftp.expect("prot", null, ok);
    }

    static void passive(FTPClient client, boolean passive) {
        if (passive) {
            client.enterLocalPassiveMode();
        } else {
            client.enterLocalActiveMode();
        }
    }
}
