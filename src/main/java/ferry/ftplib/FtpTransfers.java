package ferry.ftplib;

import java.io.InputStream;
import java.io.OutputStream;

import org.apache.commons.net.ftp.FTPClient;

/**
 * FTP's data transfers: RETR and STOR open a data connection, and the transfer's final reply (226, or the refusal
 * after 150) is read once the data is through. Between the two the conversation is out of step: a session whose
 * transfer broke there is replaced, never reused.
 */
final class FtpTransfers {

    private final FTPClient client;
    private final FtpCommands ftp;
    private final String server;
    // a data transfer was opened and its final reply not yet read: the conversation is out of step if it fails now
    private boolean open;

    FtpTransfers(FTPClient client, FtpCommands ftp, String server) {
        this.client = client;
        this.ftp = ftp;
        this.server = server;
    }

    /** Is a transfer open, its final reply not yet read? */
    boolean open() {
        return open;
    }

    /** RETR from byte {@code rest} on (REST first when above 0). */
    InputStream retrieve(String remote, long rest) throws FtpException {
        client.setRestartOffset(Math.max(0, rest));
        return retrieve("retrbinary", remote);
    }

    /** RETR of the whole file as {@code operation}. */
    InputStream retrieve(String operation, String remote) throws FtpException {
        InputStream in = ftp.run(operation, remote, () -> client.retrieveFileStream(remote));
        if (in == null) {
            throw ftp.failure(operation, remote, client.getReplyCode());
        }
        open = true;
        return in;
    }

    /** STOR to {@code target} for an upload of {@code remote}; a refusal names a missing folder. */
    OutputStream store(String operation, String remote, String target) throws FtpException {
        OutputStream out = ftp.run(operation, remote, () -> client.storeFileStream(target));
        if (out == null) {
            throw FtpFailures.storeRefused(operation, remote, server, client.getReplyCode(), ftp.lastText());
        }
        open = true;
        return out;
    }

    /** Reads the transfer's final reply (226, or the refusal after 150). */
    void complete(String operation, String path) throws FtpException {
        boolean ok = ftp.run(operation, path, client::completePendingCommand);
        // the final reply is read, good or bad: the conversation is in step again
        open = false;
        int code = client.getReplyCode();
        if (!ok && code >= 500 && code < 600) {
            throw new FtpTransferAbortedException(operation, path, server, code, ftp.lastText());
        }
        ftp.expect(operation, path, ok);
    }
}
