package ferry.ftplib;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.net.MalformedServerReplyException;
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
public class FtpSession implements RemoteSession {

    private final FTPClient client;
    private final String server;
    private final int blockSize;
    private String loginReply = "";
    private long expectedSize = -1;
    private long progressInterval = 5;
    private boolean streaming;
    private boolean quitWhenStreamCloses;
    // for reuse by another exchange: the folder a cwd left behind is undone, a broken session is not reused
    private String home;
    private boolean cwdChanged;
    private String changedInto;
    // the reply each step reports (FerryFtpReplyCode/Text): its own final one, not a TYPE sent around it
    private int stepCode;
    private String stepText = "";
    private int loginCode;
    private boolean ascii;
    // a data transfer was opened and its final reply not yet read: the conversation is out of step if it fails now
    private boolean transferOpen;
    // the server answered SIZE with 500/502 once: it has no SIZE, ask by listing from then on
    private boolean noSize;

    FtpSession(FtpSettings settings) {
        this.server = settings.host() + ":" + settings.port();
        this.blockSize = settings.blockSize();
        this.client = FtpClients.create(settings.security(), settings.tls());
        client.setControlEncoding(StandardCharsets.UTF_8.name());
        client.setConnectTimeout(settings.timeoutMillis());
        client.setDefaultTimeout(settings.timeoutMillis());
        client.setDataTimeout(Duration.ofMillis(settings.timeoutMillis()));
        // commons-net's 1 KiB default buffers make big transfers crawl
        client.setBufferSize(blockSize);
        if (WIRE.isTraceEnabled()) {
            client.addProtocolCommandListener(new WireLog(server));
        }
    }

    /** The FTP conversation at TRACE on logger {@code ferry.ftplib.wire}, like ftplib's set_debuglevel; PASS masked. */
    private static final org.slf4j.Logger WIRE = org.slf4j.LoggerFactory.getLogger("ferry.ftplib.wire");

    private record WireLog(String server) implements org.apache.commons.net.ProtocolCommandListener {
        @Override
        public void protocolCommandSent(org.apache.commons.net.ProtocolCommandEvent event) {
            String line = event.getMessage().strip();
            WIRE.trace("{} {} > {}", server, Thread.currentThread().getName(),
                    line.regionMatches(true, 0, "PASS", 0, 4) ? "PASS ********" : line);
        }

        @Override
        public void protocolReplyReceived(org.apache.commons.net.ProtocolCommandEvent event) {
            WIRE.trace("{} {} < {}", server, Thread.currentThread().getName(), event.getMessage().strip());
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

    @Override
    public String server() {
        return server;
    }

    /** The final reply of the last step (not of a TYPE sent around it), for routes that report it. */
    public int replyCode() {
        return stepCode;
    }

    public String replyText() {
        return stepText;
    }

    /** The client's latest reply, whatever command it answered. */
    private String lastText() {
        String text = client.getReplyString();
        return text == null ? "" : text.strip();
    }

    /** Takes the reply just read as the step's own. */
    private <T> T step(T result) {
        stepCode = client.getReplyCode();
        stepText = lastText();
        return result;
    }

    @Override
    public boolean inStep() {
        return isOpen() && !transferOpen;
    }

    @Override
    public String changedInto() {
        return changedInto;
    }

    private void connect(FtpSettings settings) throws FtpException {
        try {
            client.connect(settings.host(), settings.port());
        } catch (UnknownHostException e) {
            throw new FtpConnectionException("connect", null, server, "unknown host " + settings.host(), e);
        } catch (ConnectException | NoRouteToHostException e) {
            throw new FtpConnectionException("connect", null, server, "connection refused or unreachable", e);
        } catch (SocketTimeoutException e) {
            throw new FtpConnectionException("connect", null, server, "timed out", e);
        } catch (MalformedServerReplyException e) {
            throw new FtpProtocolException("connect", null, server, 0, e.getMessage(), e);
        } catch (javax.net.ssl.SSLHandshakeException e) {
            // an untrusted certificate, one issued for another host name, no common TLS version: waiting won't help
            throw new FtpPermanentException("connect", null, server, "TLS handshake with " + settings.host()
                    + " refused (certificate untrusted or not issued for " + settings.host() + "?): " + e.getMessage(), e);
        } catch (javax.net.ssl.SSLException e) {
            throw new FtpConnectionException("connect", null, server, "TLS handshake failed: " + e.getMessage(), e);
        } catch (IOException e) {
            String problem = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("timed out")
                    ? "timed out waiting for the server's greeting" : e.getMessage();
            throw new FtpConnectionException("connect", null, server, problem, e);
        }
        check("connect", null, client.getReplyCode());
    }

    public String login(String username, String password) throws FtpException {
        String user = username == null || username.isEmpty() ? "anonymous" : username;
        String pass = password == null ? "" : password;
        boolean ok = run("login", user, () -> client.login(user, pass));
        if (!ok) {
            throw failure("login", user, client.getReplyCode());
        }
        loginReply = lastText();
        loginCode = client.getReplyCode();
        return step(loginReply);
    }

    /** The server's answer to the login (ftplib's login() return value), also as the step's reply. */
    public String loginReply() {
        stepCode = loginCode;
        stepText = loginReply;
        return loginReply;
    }

    /** FTPS: PBSZ 0 and PROT P, so file contents and listings travel encrypted too. */
    private void protectData() throws FtpException {
        FTPSClient ftps = (FTPSClient) client;
        boolean ok = run("prot", null, () -> {
            try {
                ftps.execPBSZ(0);
                ftps.execPROT("P");
                return true;
            } catch (javax.net.ssl.SSLException e) {
                // commons-net's way of saying the server did not answer 200: the reply code tells the rest
                return false;
            }
        });
        expect("prot", null, ok);
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
        expect(op, null, run(op, null, () -> client.setFileType(binary ? FTP.BINARY_FILE_TYPE : FTP.ASCII_FILE_TYPE)));
        ascii = !binary;
    }

    public String pwd() throws FtpException {
        String dir = run("pwd", null, client::printWorkingDirectory);
        if (dir == null) {
            throw failure("pwd", null, client.getReplyCode());
        }
        return step(dir);
    }

    public String cwd(String path) throws FtpException {
        if (home == null) {
            home = pwd();
        }
        expect("cwd", path, run("cwd", path, () -> client.changeWorkingDirectory(path)));
        cwdChanged = true;
        changedInto = path;
        return step(lastText());
    }

    public List<String> nlst(String path) throws FtpException {
        String[] names = run("nlst", path, () -> path == null ? client.listNames() : client.listNames(path));
        if (names == null) {
            // an empty directory answers 550 on some servers and 226 with no data on others
            if (client.getReplyCode() == 550 || FTPReply.isPositiveCompletion(client.getReplyCode())) {
                return step(List.of());
            }
            throw failure("nlst", path, client.getReplyCode());
        }
        // what the server sent, '.' and '..' included where it sends them (as ftplib's nlst): callers filter
        return step(Arrays.asList(names));
    }

    @Override
    public Listing dir(String path) throws FtpException {
        FTPFile[] files = run("dir", path, () -> path == null ? client.listFiles() : client.listFiles(path));
        check("dir", path, client.getReplyCode());
        List<FTPFile> list = Arrays.asList(files);
        // the lines as the server printed them; the entries never hold '.' or '..' (some servers list them,
        // also for an empty folder): nothing acting on entries may walk into the folder itself or its parent
        return step(new Listing(list.stream().map(FTPFile::getRawListing).toList(),
                list.stream().filter(f -> FtpEntry.isEntry(f.getName())).map(FtpEntry::of).toList()));
    }

    @Override
    public List<FtpEntry> files(String path) throws FtpException {
        boolean mlsd = run("feat", path, () -> client.hasFeature("MLSD") || client.hasFeature("MLST"));
        List<FtpEntry> files;
        if (mlsd) {
            FTPFile[] listed = run("mlsd", path, () -> client.mlistDir(path));
            check("mlsd", path, client.getReplyCode());
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
        return LocalDownload.write(remote, target, rest, server, out -> retrieve(remote, out, rest));
    }

    @Override
    public void announceSize(long size, long intervalSeconds) {
        this.expectedSize = size;
        this.progressInterval = intervalSeconds;
    }

    /** Streams {@code remote} into {@code out} in blocks; returns the bytes copied. */
    public long retrieve(String remote, OutputStream out, long rest) throws FtpException {
        client.setRestartOffset(Math.max(0, rest));
        InputStream in = run("retrbinary", remote, () -> client.retrieveFileStream(remote));
        if (in == null) {
            throw failure("retrbinary", remote, client.getReplyCode());
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
        InputStream in = run("retrbinary", remote, () -> client.retrieveFileStream(remote));
        if (in == null) {
            throw failure("retrbinary", remote, client.getReplyCode());
        }
        streaming = true;
        transferOpen = true;
        return new HandedOutStream(in, () -> {
            try {
                complete("retrbinary", remote);
                step(null);
            } catch (FtpException e) {
                throw new IOException(e.getMessage(), e);
            }
        }, this::streamClosed);
    }

    private void streamClosed() {
        streaming = false;
        if (quitWhenStreamCloses) {
            quit();
        }
    }

    /** Reads {@code remote} in ASCII mode as lines, like ftplib's retrlines. */
    public List<String> retrlines(String remote) throws FtpException {
        boolean wasAscii = ascii;
        type(false);
        try {
            InputStream in = run("retrlines", remote, () -> client.retrieveFileStream(remote));
            if (in == null) {
                throw failure("retrlines", remote, client.getReplyCode());
            }
            transferOpen = true;
            List<String> lines = BlockCopy.lines("retrlines", remote, server, in);
            complete("retrlines", remote);
            // the transfer's 226 is the step's reply, not the TYPE I sent after it
            return step(lines);
        } finally {
            // back to the session's own mode (binary unless the step's settings said otherwise)
            type(!wasAscii);
        }
    }

    /** Uploads {@code in} to {@code remote}; with {@code atomic} it is written under a hidden temporary name first. */
    public long store(String operation, String remote, InputStream in, boolean binary, String tempName, Runnable beforeRename)
            throws FtpException {
        boolean atomic = tempName != null;
        String temp = atomic ? tempName : remote;
        boolean renaming = false;
        boolean wasAscii = ascii;
        if (binary == wasAscii) {
            type(binary);
        }
        try {
            OutputStream out = run(operation, remote, () -> client.storeFileStream(temp));
            if (out == null) {
                throw storeRefused(operation, remote);
            }
            transferOpen = true;
            long copied;
            try (OutputStream data = out) {
                copied = copy(operation, remote, in, data);
            } catch (IOException e) {
                throw new FtpConnectionException(operation, remote, server, e.getMessage(), e);
            }
            complete(operation, remote);
            // the transfer's 226 is the step's reply (as ftplib's storbinary returns it), also when a rename follows
            step(null);
            int code = stepCode;
            String text = stepText;
            if (atomic) {
                if (beforeRename != null) {
                    beforeRename.run();
                }
                renaming = true;
                expect("rename", temp, run("rename", temp, () -> client.rename(temp, remote)));
            }
            stepCode = code;
            stepText = text;
            return copied;
        } catch (FtpException | RuntimeException e) {
            // once the rename was asked for, the temporary file is the only sign of whether it happened: kept
            if (atomic && !renaming) {
                deleteRemoteQuietly(temp);
            }
            throw e;
        } finally {
            if (binary == wasAscii) {
                type(!wasAscii);
            }
        }
    }

    public String rename(String from, String to) throws FtpException {
        expect("rename", from, run("rename", from, () -> client.rename(from, to)));
        return step(lastText());
    }

    public String delete(String path) throws FtpException {
        expect("delete", path, run("delete", path, () -> client.deleteFile(path)));
        return step(lastText());
    }

    /**
     * Creates a directory and returns its path as the server quotes it in the 257 reply, as ftplib's mkd does: some
     * servers quote the absolute path, others the name as given ({@code 257 "x" : created}); no quotes: the path asked.
     */
    public String mkd(String path) throws FtpException {
        expect("mkd", path, run("mkd", path, () -> client.makeDirectory(path)));
        String text = step(lastText());
        int open = text.indexOf('"');
        int close = text.lastIndexOf('"');
        return open >= 0 && close > open ? text.substring(open + 1, close).replace("\"\"", "\"") : path;
    }

    public String rmd(String path) throws FtpException {
        expect("rmd", path, run("rmd", path, () -> client.removeDirectory(path)));
        return step(lastText());
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
            int code = stepCode;
            if (code == 550) {
                return false;
            }
            if (code != 500 && code != 502 && code != 504 && code != 501) {
                throw replyFailure("size", path, code, stepText);
            }
            noSize = true;
        }
        int slash = path.lastIndexOf('/');
        String folder = slash < 0 ? null : slash == 0 ? "/" : path.substring(0, slash);
        String name = path.substring(slash + 1);
        String[] names = run("nlst", folder, () -> folder == null ? client.listNames() : client.listNames(folder));
        if (names == null && !FTPReply.isPositiveCompletion(client.getReplyCode())) {
            throw failure("nlst", folder, client.getReplyCode());
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
        String size = step(run("size", path, () -> client.getSize(path)));
        if (wasAscii) {
            int code = stepCode;
            String text = stepText;
            type(false);
            stepCode = code;
            stepText = text;
        }
        return size;
    }

    public long size(String path) throws FtpException {
        String size = sizeReply(path);
        if (size == null) {
            throw replyFailure("size", path, stepCode, stepText);
        }
        try {
            return Long.parseLong(size.trim());
        } catch (NumberFormatException e) {
            throw new FtpProtocolException("size", path, server, stepCode, stepText, e);
        }
    }

    public Instant mdtm(String path) throws FtpException {
        java.util.Calendar time = run("mdtm", path, () -> {
            FTPFile f = client.mdtmFile(path);
            return f == null ? null : f.getTimestamp();
        });
        if (time == null) {
            throw failure("mdtm", path, client.getReplyCode());
        }
        return step(time.toInstant());
    }

    /** Says goodbye politely; the connection is closed whatever the server answers. */
    @Override
    public String quit() {
        if (streaming) {
            // a download stream handed to the route is still being read: end the session when it is closed
            quitWhenStreamCloses = true;
            return "";
        }
        try {
            if (client.isConnected()) {
                client.logout();
                return step(lastText());
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
    public boolean reusable() {
        return isOpen() && !streaming;
    }

    /** Back to the state after login: the login folder again. */
    @Override
    public void prepareForReuse() throws FtpException {
        if (cwdChanged) {
            expect("cwd", home, run("cwd", home, () -> client.changeWorkingDirectory(home)));
            cwdChanged = false;
        }
        changedInto = null;
    }

    @Override
    public boolean alive() {
        try {
            return FTPReply.isPositiveCompletion(client.noop());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Hidden, and short: a remote name at the server's length limit still has a temporary name that fits. The same
     * for every attempt with one token (see FtpLibProducer.ATTEMPT_TOKEN), so a retry overwrites what a broken
     * attempt left instead of adding a file.
     */
    static String tempName(String remote, String attemptToken) {
        int slash = remote.lastIndexOf('/');
        String token = java.util.UUID.nameUUIDFromBytes((attemptToken + "|" + remote).getBytes(StandardCharsets.UTF_8)).toString();
        return remote.substring(0, slash + 1) + ".ferry-" + token + ".part";
    }

    private long copy(String operation, String path, InputStream in, OutputStream out) throws FtpException {
        long size = expectedSize;
        expectedSize = -1;
        return BlockCopy.copy(operation, path, server, in, out, blockSize, size, progressInterval);
    }

    private void deleteRemoteQuietly(String path) {
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
        boolean ok = run(operation, path, client::completePendingCommand);
        // the final reply is read, good or bad: the conversation is in step again
        transferOpen = false;
        int code = client.getReplyCode();
        if (!ok && code >= 500 && code < 600) {
            throw new FtpTransferAbortedException(operation, path, server, code, lastText());
        }
        expect(operation, path, ok);
    }

    /** STOR refused before any data: 550, 551 (MINA) or 553 (vsftpd), the answers for a missing folder, name it. */
    private FtpException storeRefused(String operation, String remote) {
        int code = client.getReplyCode();
        int slash = remote.lastIndexOf('/');
        if ((code == 550 || code == 551 || code == 553) && slash >= 0) {
            String folder = slash == 0 ? "/" : remote.substring(0, slash);
            return new FtpPermanentException(operation, remote, server, code, lastText()
                    + " (is the folder '" + folder + "' there and writable?)", null);
        }
        return failure(operation, remote, code);
    }

    private void expect(String operation, String path, boolean ok) throws FtpException {
        if (!ok) {
            throw failure(operation, path, client.getReplyCode());
        }
    }

    private void check(String operation, String path, int code) throws FtpException {
        if (!FTPReply.isPositiveCompletion(code) && !FTPReply.isPositivePreliminary(code)) {
            throw failure(operation, path, code);
        }
    }

    FtpException failure(String operation, String path, int code) {
        return replyFailure(operation, path, code, lastText());
    }

    private FtpException replyFailure(String operation, String path, int code, String text) {
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

    @FunctionalInterface
    private interface FtpCall<T> {
        T call() throws IOException;
    }

    private <T> T run(String operation, String path, FtpCall<T> call) throws FtpException {
        try {
            return call.call();
        } catch (org.apache.commons.net.ftp.FTPConnectionClosedException e) {
            // commons-net reports 421 ("service not available, closing") as a closed connection; ftplib says error_temp
            if (client.getReplyCode() == 421) {
                throw new FtpTemporaryException(operation, path, server, 421, lastText(), e);
            }
            throw new FtpConnectionException(operation, path, server, "connection closed by the server", e);
        } catch (MalformedServerReplyException e) {
            throw new FtpProtocolException(operation, path, server, 0, e.getMessage(), e);
        } catch (SocketTimeoutException e) {
            throw new FtpConnectionException(operation, path, server, "timed out", e);
        } catch (IOException e) {
            throw new FtpConnectionException(operation, path, server, "connection lost: " + e.getMessage(), e);
        }
    }
}
