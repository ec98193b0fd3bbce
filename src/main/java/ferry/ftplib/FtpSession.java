package ferry.ftplib;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;

import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.apache.commons.net.ftp.FTPReply;

/**
 * One logged-in FTP or FTPS conversation, like an {@code ftplib.FTP} object: every command's reply is checked and
 * a failure becomes the matching {@link FtpException}. Listings, SIZE, the transfer type and the data transfers are
 * each a class of their own; this one strings them into steps. Not thread-safe; one exchange uses it at a time.
 */
public class FtpSession extends AbstractRemoteSession {

    private final FTPClient client;
    private final FtpCommands ftp;
    private final FtpTransferType type;
    private final FtpListings listings;
    private final FtpSizes sizes;
    private final FtpTransfers transfers;

    FtpSession(FtpSettings settings) {
        super(settings, "");
        this.client = FtpConnector.client(settings, server());
        this.ftp = new FtpCommands(client, server(), this::reply);
        this.type = new FtpTransferType(client, ftp);
        this.listings = new FtpListings(client, ftp);
        this.sizes = new FtpSizes(client, ftp, type, listings, server());
        this.transfers = new FtpTransfers(client, ftp, server());
    }

    /** Connects and logs in; no user (or "anonymous") logs in anonymously as ftplib does. */
    public static FtpSession open(FtpSettings settings) throws FtpException {
        FtpSession session = new FtpSession(settings);
        try {
            session.start(settings);
            return session;
        } catch (FtpException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** The login's reply is the step's; the commands after it (PBSZ/PROT, TYPE) only prepare the session. */
    private void start(FtpSettings settings) throws FtpException {
        FtpConnector.connect(client, ftp, settings, server());
        FtpConnector.login(client, ftp, settings.username(), settings.password());
        loggedIn(client.getReplyCode(), ftp.lastText());
        ftp.step(null);
        if (settings.secure()) {
            FtpConnector.protectData(client, ftp);
        }
        FtpConnector.passive(client, settings.passive());
        type.set(settings.binary());
    }

    @Override
    public boolean inStep() {
        return isOpen() && !transfers.open();
    }

    @Override
    public String pwd() throws FtpException {
        String dir = ftp.run("pwd", null, client::printWorkingDirectory);
        if (dir == null) {
            throw ftp.failure("pwd", null, client.getReplyCode());
        }
        return ftp.step(dir);
    }

    @Override
    protected void enterFolder(String path, boolean asStep) throws FtpException {
        ftp.expect("cwd", path, () -> client.changeWorkingDirectory(path));
        if (asStep) {
            ftp.step(null);
        }
    }

    @Override
    public List<String> nlst(String path) throws FtpException {
        return listings.nlst(path);
    }

    @Override
    public Listing dir(String path) throws FtpException {
        return listings.dir(path);
    }

    @Override
    public List<FtpEntry> files(String path) throws FtpException {
        List<FtpEntry> files = RemoteSession.visibleFiles(listings.entries(path));
        if (files.isEmpty() && path != null && !path.isEmpty()) {
            // some servers list a missing folder as empty: entering it says whether it is there (the session goes
            // back to the login folder before it is reused)
            cwd(path);
        }
        return files;
    }

    @Override
    public long retrbinary(String remote, OutputStream out, long rest) throws FtpException {
        InputStream in = transfers.retrieve(remote, rest);
        long copied = copy("retrbinary", remote, in, out);
        transfers.complete("retrbinary", remote);
        return ftp.step(copied);
    }

    /**
     * Opens {@code remote} for reading as a stream; closing the stream completes the transfer. The
     * session can run its next command only after the stream is closed.
     */
    @Override
    public InputStream openRetrieve(String remote, long rest) throws FtpException {
        InputStream in = transfers.retrieve(remote, rest);
        return handOut(in, () -> {
            try {
                transfers.complete("retrbinary", remote);
                ftp.step(null);
            } catch (FtpException e) {
                throw new IOException(e.getMessage(), e);
            }
        });
    }

    /** Reads {@code remote} in ASCII mode as lines, like ftplib's retrlines. */
    @Override
    public List<String> retrlines(String remote) throws FtpException {
        return type.during(false, () -> {
            InputStream in = transfers.retrieve("retrlines", remote);
            List<String> lines = BlockCopy.lines("retrlines", remote, server(), in);
            transfers.complete("retrlines", remote);
            // the transfer's 226 is the step's reply, not the TYPE sent after it
            return ftp.step(lines);
        });
    }

    /** Uploads in the transfer mode asked ({@code binary} or not); the session's own mode is set back after. */
    @Override
    public long store(String operation, String remote, InputStream in, boolean binary, String tempName, Runnable beforeRename)
            throws FtpException {
        return type.during(binary, () -> super.store(operation, remote, in, binary, tempName, beforeRename));
    }

    @Override
    protected long upload(String operation, String remote, String target, InputStream in) throws FtpException {
        OutputStream out = transfers.store(operation, remote, target);
        long copied;
        try (OutputStream data = out) {
            copied = copy(operation, remote, in, data);
        } catch (IOException e) {
            throw new FtpConnectionException(operation, remote, server(), e.getMessage(), e);
        }
        transfers.complete(operation, remote);
        // the transfer's 226 is the step's reply (as ftplib's storbinary returns it), also when a rename follows
        ftp.step(null);
        return copied;
    }

    /** The rename's reply is not the step's: the upload's 226 stays it. */
    @Override
    protected void replace(String operation, String temp, String remote) throws FtpException {
        ftp.expect("rename", temp, () -> client.rename(temp, remote));
    }

    @Override
    public String rename(String from, String to) throws FtpException {
        ftp.expect("rename", from, () -> client.rename(from, to));
        return ftp.step(ftp.lastText());
    }

    @Override
    public String delete(String path) throws FtpException {
        ftp.expect("delete", path, () -> client.deleteFile(path));
        return ftp.step(ftp.lastText());
    }

    /**
     * Creates a directory and returns its path as the server quotes it in the 257 reply, as ftplib's mkd does: some
     * servers quote the absolute path, others the name as given ({@code 257 "x" : created}); no quotes: the path asked.
     */
    @Override
    public String mkd(String path) throws FtpException {
        ftp.expect("mkd", path, () -> client.makeDirectory(path));
        String text = ftp.step(ftp.lastText());
        int open = text.indexOf('"');
        int close = text.lastIndexOf('"');
        return open >= 0 && close > open ? text.substring(open + 1, close).replace("\"\"", "\"") : path;
    }

    @Override
    public String rmd(String path) throws FtpException {
        ftp.expect("rmd", path, () -> client.removeDirectory(path));
        return ftp.step(ftp.lastText());
    }

    /** Is there a file at {@code path}? Asked with SIZE, or by listing where the server has no SIZE. */
    @Override
    public boolean exists(String path) throws FtpException {
        return sizes.exists(path);
    }

    @Override
    public long size(String path) throws FtpException {
        return sizes.size(path);
    }

    @Override
    public Instant mdtm(String path) throws FtpException {
        java.util.Calendar time = ftp.run("mdtm", path, () -> {
            FTPFile f = client.mdtmFile(path);
            return f == null ? null : f.getTimestamp();
        });
        if (time == null) {
            throw ftp.failure("mdtm", path, client.getReplyCode());
        }
        return ftp.step(time.toInstant());
    }

    /** Says goodbye politely; the connection is closed whatever the server answers. */
    @Override
    protected String goodbye() {
        try {
            if (client.isConnected()) {
                client.logout();
                return ftp.step(ftp.lastText());
            }
            return "";
        } catch (IOException e) {
            // the session is ending anyway; a broken QUIT must not fail the work already done
            return e.getMessage();
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        if (client.isConnected()) {
            try {
                client.disconnect();
            } catch (IOException e) {
                // nothing left to save on a connection being thrown away
            }
        }
    }

    @Override
    public boolean isOpen() {
        return client.isConnected();
    }

    @Override
    public boolean alive() {
        try {
            return FTPReply.isPositiveCompletion(client.noop());
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    protected void deleteQuietly(String path) {
        try {
            if (client.isConnected()) {
                client.deleteFile(path);
            }
        } catch (IOException e) {
            // best effort: the temporary name is hidden (dot-prefixed) and the caller reports the real failure
        }
    }
}
