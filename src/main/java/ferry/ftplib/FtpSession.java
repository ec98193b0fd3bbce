package ferry.ftplib;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.apache.commons.net.ftp.FTPReply;
import org.apache.commons.net.ftp.FTPSClient;

import ferry.tls.FtpClients;

/**
 * One logged-in FTP or FTPS conversation, like an {@code ftplib.FTP} object: every command's reply is checked and
 * a failure becomes the matching {@link FtpException}. Not thread-safe; one exchange uses it at a time.
 */
public class FtpSession extends AbstractRemoteSession {

    private final FTPClient client;
    private final FtpCommands ftp;
    private boolean ascii;
    // a data transfer was opened and its final reply not yet read: the conversation is out of step if it fails now
    private boolean transferOpen;
    // the server answered SIZE with 500/502 once: it has no SIZE, ask by listing from then on
    private boolean noSize;

    FtpSession(FtpSettings settings) {
        super(settings, "");
        this.client = FtpClients.create(settings.security(), settings.tls());
        this.ftp = new FtpCommands(client, server());
        client.setControlEncoding(StandardCharsets.UTF_8.name());
        client.setConnectTimeout(settings.timeoutMillis());
        client.setDefaultTimeout(settings.timeoutMillis());
        client.setDataTimeout(Duration.ofMillis(settings.timeoutMillis()));
        // commons-net's 1 KiB default buffers make big transfers crawl
        client.setBufferSize(settings.blockSize());
        if (FtpWireLog.WIRE.isTraceEnabled()) {
            client.addProtocolCommandListener(new FtpWireLog(server()));
        }
    }

    /** Connects and logs in; no user (or "anonymous") logs in anonymously as ftplib does. */
    public static FtpSession open(FtpSettings settings) throws FtpException {
        FtpSession session = new FtpSession(settings);
        try {
            session.connect(settings);
            session.login(settings.username(), settings.password());
            if (settings.secure()) {
                session.protectData();
            }
            session.setMode(settings.passive(), settings.binary());
            return session;
        } catch (FtpException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** Takes the reply just read as the step's own. */
    private <T> T step(T result) {
        reply(client.getReplyCode(), ftp.lastText());
        return result;
    }

    @Override
    public boolean inStep() {
        return isOpen() && !transferOpen;
    }

    private void connect(FtpSettings settings) throws FtpException {
        try {
            client.connect(settings.host(), settings.port());
        } catch (IOException e) {
            throw FtpFailures.connect(settings.host(), server(), e);
        }
        ftp.check("connect", null, client.getReplyCode());
    }

    public String login(String username, String password) throws FtpException {
        String user = username == null || username.isEmpty() ? "anonymous" : username;
        String pass = password == null ? "" : password;
        boolean ok = ftp.run("login", user, () -> client.login(user, pass));
        if (!ok) {
            throw ftp.failure("login", user, client.getReplyCode());
        }
        loggedIn(client.getReplyCode(), ftp.lastText());
        return step(ftp.lastText());
    }

    /** FTPS: PBSZ 0 and PROT P, so file contents and listings travel encrypted too. */
    private void protectData() throws FtpException {
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

    private void setMode(boolean passive, boolean binary) throws FtpException {
        if (passive) {
            client.enterLocalPassiveMode();
        } else {
            client.enterLocalActiveMode();
        }
        type(binary);
    }

    private void type(boolean binary) throws FtpException {
        String op = binary ? "type binary" : "type ascii";
        ftp.expect(op, null, () -> client.setFileType(binary ? FTP.BINARY_FILE_TYPE : FTP.ASCII_FILE_TYPE));
        ascii = !binary;
    }

    public String pwd() throws FtpException {
        String dir = ftp.run("pwd", null, client::printWorkingDirectory);
        if (dir == null) {
            throw ftp.failure("pwd", null, client.getReplyCode());
        }
        return step(dir);
    }

    @Override
    protected void enterFolder(String path, boolean asStep) throws FtpException {
        ftp.expect("cwd", path, () -> client.changeWorkingDirectory(path));
        if (asStep) {
            step(null);
        }
    }

    public List<String> nlst(String path) throws FtpException {
        String[] names = ftp.run("nlst", path, () -> path == null ? client.listNames() : client.listNames(path));
        if (names == null) {
            // an empty directory answers 550 on some servers and 226 with no data on others
            if (client.getReplyCode() == 550 || FTPReply.isPositiveCompletion(client.getReplyCode())) {
                return step(List.of());
            }
            throw ftp.failure("nlst", path, client.getReplyCode());
        }
        // what the server sent, '.' and '..' included where it sends them (as ftplib's nlst): callers filter
        return step(Arrays.asList(names));
    }

    @Override
    public Listing dir(String path) throws FtpException {
        FTPFile[] files = ftp.run("dir", path, () -> path == null ? client.listFiles() : client.listFiles(path));
        ftp.check("dir", path, client.getReplyCode());
        List<FTPFile> list = Arrays.asList(files);
        // the lines as the server printed them; the entries never hold '.' or '..' (some servers list them,
        // also for an empty folder): nothing acting on entries may walk into the folder itself or its parent
        return step(new Listing(list.stream().map(FTPFile::getRawListing).toList(),
                list.stream().filter(f -> FtpEntry.isEntry(f.getName())).map(FtpEntry::of).toList()));
    }

    @Override
    public List<FtpEntry> files(String path) throws FtpException {
        boolean mlsd = ftp.run("feat", path, () -> client.hasFeature("MLSD") || client.hasFeature("MLST"));
        List<FtpEntry> files;
        if (mlsd) {
            FTPFile[] listed = ftp.run("mlsd", path, () -> client.mlistDir(path));
            ftp.check("mlsd", path, client.getReplyCode());
            // MLSD gives cdir/pdir types to "." and "..": isFile() leaves them out
            files = RemoteSession.visibleFiles(Arrays.stream(listed).filter(f -> f != null).map(FtpEntry::of).toList());
        } else {
            files = RemoteSession.visibleFiles(dir(path).entries());
        }
        if (files.isEmpty() && path != null && !path.isEmpty()) {
            // some servers list a missing folder as empty: entering it says whether it is there (the session goes
            // back to the login folder before it is reused)
            cwd(path);
        }
        return files;
    }

    @Override
    public long retrbinary(String remote, Path target, long rest) throws FtpException {
        return LocalDownload.write(remote, target, rest, server(), out -> retrieve(remote, out, rest));
    }

    /** Streams {@code remote} into {@code out} in blocks; returns the bytes copied. */
    public long retrieve(String remote, OutputStream out, long rest) throws FtpException {
        client.setRestartOffset(Math.max(0, rest));
        InputStream in = ftp.run("retrbinary", remote, () -> client.retrieveFileStream(remote));
        if (in == null) {
            throw ftp.failure("retrbinary", remote, client.getReplyCode());
        }
        transferOpen = true;
        long copied = copy("retrbinary", remote, in, out);
        complete("retrbinary", remote);
        return step(copied);
    }

    /**
     * Opens {@code remote} for reading as a stream; closing the stream completes the transfer. The
     * session can run its next command only after the stream is closed.
     */
    public InputStream openRetrieve(String remote, long rest) throws FtpException {
        client.setRestartOffset(Math.max(0, rest));
        InputStream in = ftp.run("retrbinary", remote, () -> client.retrieveFileStream(remote));
        if (in == null) {
            throw ftp.failure("retrbinary", remote, client.getReplyCode());
        }
        transferOpen = true;
        return handOut(in, () -> {
            try {
                complete("retrbinary", remote);
                step(null);
            } catch (FtpException e) {
                throw new IOException(e.getMessage(), e);
            }
        });
    }

    /** Reads {@code remote} in ASCII mode as lines, like ftplib's retrlines. */
    public List<String> retrlines(String remote) throws FtpException {
        boolean wasAscii = ascii;
        type(false);
        try {
            InputStream in = ftp.run("retrlines", remote, () -> client.retrieveFileStream(remote));
            if (in == null) {
                throw ftp.failure("retrlines", remote, client.getReplyCode());
            }
            transferOpen = true;
            List<String> lines = BlockCopy.lines("retrlines", remote, server(), in);
            complete("retrlines", remote);
            // the transfer's 226 is the step's reply, not the TYPE I sent after it
            return step(lines);
        } finally {
            // back to the session's own mode (binary unless the step's settings said otherwise)
            type(!wasAscii);
        }
    }

    /** Uploads in the transfer mode asked ({@code binary} or not); the session's own mode is set back after. */
    @Override
    public long store(String operation, String remote, InputStream in, boolean binary, String tempName, Runnable beforeRename)
            throws FtpException {
        boolean wasAscii = ascii;
        if (binary == wasAscii) {
            type(binary);
        }
        try {
            return super.store(operation, remote, in, binary, tempName, beforeRename);
        } finally {
            if (binary == wasAscii) {
                type(!wasAscii);
            }
        }
    }

    @Override
    protected long upload(String operation, String remote, String target, InputStream in) throws FtpException {
        OutputStream out = ftp.run(operation, remote, () -> client.storeFileStream(target));
        if (out == null) {
            throw FtpFailures.storeRefused(operation, remote, server(), client.getReplyCode(), ftp.lastText());
        }
        transferOpen = true;
        long copied;
        try (OutputStream data = out) {
            copied = copy(operation, remote, in, data);
        } catch (IOException e) {
            throw new FtpConnectionException(operation, remote, server(), e.getMessage(), e);
        }
        complete(operation, remote);
        // the transfer's 226 is the step's reply (as ftplib's storbinary returns it), also when a rename follows
        step(null);
        return copied;
    }

    @Override
    protected void replace(String operation, String temp, String remote) throws FtpException {
        int code = replyCode();
        String text = replyText();
        ftp.expect("rename", temp, () -> client.rename(temp, remote));
        reply(code, text);
    }

    public String rename(String from, String to) throws FtpException {
        ftp.expect("rename", from, () -> client.rename(from, to));
        return step(ftp.lastText());
    }

    public String delete(String path) throws FtpException {
        ftp.expect("delete", path, () -> client.deleteFile(path));
        return step(ftp.lastText());
    }

    /**
     * Creates a directory and returns its path as the server quotes it in the 257 reply, as ftplib's mkd does: some
     * servers quote the absolute path, others the name as given ({@code 257 "x" : created}); no quotes: the path asked.
     */
    public String mkd(String path) throws FtpException {
        ftp.expect("mkd", path, () -> client.makeDirectory(path));
        String text = step(ftp.lastText());
        int open = text.indexOf('"');
        int close = text.lastIndexOf('"');
        return open >= 0 && close > open ? text.substring(open + 1, close).replace("\"\"", "\"") : path;
    }

    public String rmd(String path) throws FtpException {
        ftp.expect("rmd", path, () -> client.removeDirectory(path));
        return step(ftp.lastText());
    }

    /**
     * Is there a file at {@code path}? Asked with SIZE (no data connection, no listing): 213 is yes and only 550 is
     * no. A server without SIZE (500, 502, ...) is asked by listing the folder, so nothing is overwritten unseen.
     */
    public boolean exists(String path) throws FtpException {
        if (!noSize) {
            String size = sizeReply(path);
            if (size != null) {
                return true;
            }
            int code = replyCode();
            if (code == 550) {
                return false;
            }
            if (code != 500 && code != 502 && code != 504 && code != 501) {
                throw FtpFailures.reply("size", path, server(), code, replyText());
            }
            noSize = true;
        }
        int slash = path.lastIndexOf('/');
        String folder = slash < 0 ? null : slash == 0 ? "/" : path.substring(0, slash);
        String name = path.substring(slash + 1);
        String[] names = ftp.run("nlst", folder, () -> folder == null ? client.listNames() : client.listNames(folder));
        if (names == null && !FTPReply.isPositiveCompletion(client.getReplyCode())) {
            throw ftp.failure("nlst", folder, client.getReplyCode());
        }
        // servers answer NLST with bare names or with the folder in front
        return names != null && Arrays.stream(names).anyMatch(n -> n.equals(name) || n.endsWith("/" + name));
    }

    /**
     * SIZE asked in binary mode, its reply taken as the step's: vsftpd and others refuse SIZE in ASCII mode (550),
     * which would read as "no such file". An ASCII session is switched back after.
     */
    private String sizeReply(String path) throws FtpException {
        boolean wasAscii = ascii;
        if (wasAscii) {
            type(true);
        }
        String size = step(ftp.run("size", path, () -> client.getSize(path)));
        if (wasAscii) {
            int code = replyCode();
            String text = replyText();
            type(false);
            reply(code, text);
        }
        return size;
    }

    public long size(String path) throws FtpException {
        String size = sizeReply(path);
        if (size == null) {
            throw FtpFailures.reply("size", path, server(), replyCode(), replyText());
        }
        try {
            return Long.parseLong(size.trim());
        } catch (NumberFormatException e) {
            throw new FtpProtocolException("size", path, server(), replyCode(), replyText(), e);
        }
    }

    public Instant mdtm(String path) throws FtpException {
        java.util.Calendar time = ftp.run("mdtm", path, () -> {
            FTPFile f = client.mdtmFile(path);
            return f == null ? null : f.getTimestamp();
        });
        if (time == null) {
            throw ftp.failure("mdtm", path, client.getReplyCode());
        }
        return step(time.toInstant());
    }

    /** Says goodbye politely; the connection is closed whatever the server answers. */
    @Override
    protected String goodbye() {
        try {
            if (client.isConnected()) {
                client.logout();
                return step(ftp.lastText());
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

    /** Reads a transfer's final reply (226, or the refusal after 150). */
    private void complete(String operation, String path) throws FtpException {
        boolean ok = ftp.run(operation, path, client::completePendingCommand);
        // the final reply is read, good or bad: the conversation is in step again
        transferOpen = false;
        int code = client.getReplyCode();
        if (!ok && code >= 500 && code < 600) {
            throw new FtpTransferAbortedException(operation, path, server(), code, ftp.lastText());
        }
        ftp.expect(operation, path, ok);
    }
}
