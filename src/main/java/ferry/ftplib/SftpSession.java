package ferry.ftplib;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpATTRS;
import com.jcraft.jsch.SftpException;
import ferry.ssh.HostKeyCheck;
import ferry.ssh.HostKeyRefusedException;
import org.apache.camel.util.ObjectHelper;

/**
 * One logged-in SFTP conversation (JSch's ChannelSftp, the SSH library camel-ftp uses) behind the ftplib steps.
 * The server's host key is checked against {@code hostKeyFingerprint} or {@code knownHosts}, always. SFTP status
 * codes take the place of FTP replies: no such file, permission denied and the server's refusals are permanent,
 * a lost connection is a connection error. SFTP has no text mode: {@code retrlines} reads lines and
 * {@code storlines} sends the text as it is.
 */
final class SftpSession implements RemoteSession {

    private static final String OK_TEXT = "OK";

    private final Session ssh;
    private final ChannelSftp channel;
    private final String server;
    private final int blockSize;
    private int replyCode;
    private String replyText = OK_TEXT;
    private String loginReply = "";
    private long expectedSize = -1;
    private long progressInterval = 5;
    private boolean streaming;
    private boolean quitWhenStreamCloses;
    // for reuse by another exchange: the folder a cwd left behind is undone, a broken session is not reused
    private String home;
    private boolean cwdChanged;
    private String changedInto;

    private SftpSession(Session ssh, ChannelSftp channel, FtpSettings settings) {
        this.ssh = ssh;
        this.channel = channel;
        this.server = settings.host() + ":" + settings.port();
        this.blockSize = settings.blockSize();
    }

    static SftpSession open(FtpSettings settings) throws FtpException {
        String server = settings.host() + ":" + settings.port();
        refuseFtpOnlySettings(settings);
        // a setting naming no usable known_hosts file or fingerprint fails here, naming it (IllegalArgumentException)
        HostKeyCheck hostKeys = HostKeyCheck.of(settings.knownHosts(), settings.hostKeyFingerprint());
        String user = settings.username() == null || settings.username().isEmpty() ? "anonymous" : settings.username();
        Session ssh = null;
        try {
            ssh = new JSch().getSession(user, settings.host(), settings.port());
            ssh.setHostKeyRepository(hostKeys);
            ssh.setConfig("StrictHostKeyChecking", "yes");
            ssh.setPassword(settings.password() == null ? "" : settings.password());
            ssh.setTimeout(settings.timeoutMillis());
            ssh.connect(settings.timeoutMillis());
            ChannelSftp channel = (ChannelSftp) ssh.openChannel("sftp");
            channel.connect(settings.timeoutMillis());
            SftpSession session = new SftpSession(ssh, channel, settings);
            session.loginReply = "logged in as " + user + " (SFTP, " + ssh.getServerVersion() + ")";
            session.replyText = session.loginReply;
            return session;
        } catch (JSchException | HostKeyRefusedException e) {
            if (ssh != null) {
                ssh.disconnect();
            }
            throw connectFailure(server, user, e);
        }
    }

    /** FTP's transfer modes and FTPS have no meaning over SSH: say so rather than ignore them. */
    private static void refuseFtpOnlySettings(FtpSettings settings) {
        if (settings.secure()) {
            throw new IllegalArgumentException("ftplib: security = '" + settings.security() + "' (FTPS) does not exist"
                    + " over protocol sftp, which is always encrypted (SSH): use security=none with protocol=sftp");
        }
        if (!settings.passive()) {
            throw new IllegalArgumentException("ftplib: active mode (passive=false) does not exist over protocol sftp"
                    + " (SSH carries data on the same connection): leave passive=true");
        }
    }

    private static FtpException connectFailure(String server, String user, Exception e) {
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

    @Override
    public String server() {
        return server;
    }

    @Override
    public int replyCode() {
        return replyCode;
    }

    @Override
    public String replyText() {
        return replyText;
    }

    @Override
    public String loginReply() {
        replyCode = ChannelSftp.SSH_FX_OK;
        replyText = loginReply;
        return loginReply;
    }

    @Override
    public String changedInto() {
        return changedInto;
    }

    @Override
    public String pwd() throws FtpException {
        return run("pwd", null, channel::pwd);
    }

    @Override
    public String cwd(String path) throws FtpException {
        if (home == null) {
            home = pwd();
        }
        cwdChanged = true;
        run("cwd", path, () -> {
            channel.cd(quote(path));
            return null;
        });
        changedInto = path;
        return replyText;
    }

    @Override
    public List<String> nlst(String path) throws FtpException {
        List<String> names = new ArrayList<>();
        for (ChannelSftp.LsEntry entry : ls("nlst", path)) {
            names.add(entry.getFilename());
        }
        return names;
    }

    @Override
    public Listing dir(String path) throws FtpException {
        List<String> lines = new ArrayList<>();
        List<FtpEntry> entries = new ArrayList<>();
        for (ChannelSftp.LsEntry e : ls("dir", path)) {
            SftpATTRS a = e.getAttrs();
            String type = a.isDir() ? "dir" : a.isLink() ? "link" : a.isReg() ? "file" : "unknown";
            lines.add(e.getLongname());
            entries.add(new FtpEntry(e.getFilename(), a.getSize(), Instant.ofEpochSecond(a.getMTime() & 0xffffffffL), type));
        }
        return new Listing(lines, entries);
    }

    private List<ChannelSftp.LsEntry> ls(String operation, String path) throws FtpException {
        List<ChannelSftp.LsEntry> entries = new ArrayList<>();
        run(operation, path, () -> {
            channel.ls(path == null ? "." : quote(path), entry -> {
                // the listing's own entries for the folder and its parent, which LIST and NLST leave out
                if (!".".equals(entry.getFilename()) && !"..".equals(entry.getFilename())) {
                    entries.add(entry);
                }
                return ChannelSftp.LsEntrySelector.CONTINUE;
            });
            return null;
        });
        return entries;
    }

    @Override
    public List<String> retrlines(String remote) throws FtpException {
        InputStream in = run("retrlines", remote, () -> channel.get(quote(remote)));
        return BlockCopy.lines("retrlines", remote, server, in);
    }

    @Override
    public long retrbinary(String remote, Path target, long rest) throws FtpException {
        return LocalDownload.write(remote, target, rest, server, out -> copy("retrbinary", remote,
                run("retrbinary", remote, () -> channel.get(quote(remote), null, Math.max(0, rest))), out));
    }

    @Override
    public InputStream openRetrieve(String remote, long rest) throws FtpException {
        InputStream in = run("retrbinary", remote, () -> channel.get(quote(remote), null, Math.max(0, rest)));
        streaming = true;
        // SFTP has no final reply to wait for: the stream's close is the end of the transfer
        return new HandedOutStream(in, () -> { }, this::streamClosed);
    }

    private void streamClosed() {
        streaming = false;
        if (quitWhenStreamCloses) {
            quit();
        }
    }

    @Override
    public void announceSize(long size, long intervalSeconds) {
        this.expectedSize = size;
        this.progressInterval = intervalSeconds;
    }

    @Override
    public long store(String operation, String remote, InputStream in, boolean binary, String tempName, Runnable beforeRename)
            throws FtpException {
        boolean atomic = tempName != null;
        boolean renaming = false;
        // SFTP has no ASCII mode: storlines sends the text as it is, as a Unix server would store it anyway
        String temp = atomic ? tempName : remote;
        try {
            OutputStream out = run(operation, remote, () -> channel.put(quote(temp), ChannelSftp.OVERWRITE));
            long copied;
            try (OutputStream data = out) {
                copied = copy(operation, remote, in, data);
            } catch (IOException e) {
                throw new FtpConnectionException(operation, remote, server, "closing the upload: " + e.getMessage(), e);
            }
            if (atomic) {
                if (beforeRename != null) {
                    beforeRename.run();
                }
                renaming = true;
                replace(operation, temp, remote);
            }
            return copied;
        } catch (FtpException | RuntimeException e) {
            // once the rename was asked for, the temporary file is the only sign of whether it happened: kept
            if (atomic && !renaming) {
                deleteRemoteQuietly(temp);
            }
            throw e;
        }
    }

    /** Renames the finished temporary file over {@code remote}; SFTP v3 refuses to rename onto an existing name. */
    private void replace(String operation, String temp, String remote) throws FtpException {
        try {
            channel.rename(quote(temp), quote(remote));
        } catch (SftpException first) {
            if (!exists(remote)) {
                throw failure(operation, remote, first);
            }
            run(operation, remote, () -> {
                channel.rm(quote(remote));
                channel.rename(quote(temp), quote(remote));
                return null;
            });
        }
        ok();
    }

    @Override
    public boolean exists(String path) {
        try {
            // a file or a folder; some servers answer a path under a plain file ("/file/x") with empty attributes
            // instead of an error: that is no file
            com.jcraft.jsch.SftpATTRS attrs = channel.stat(quote(path));
            return attrs.isReg() || attrs.isDir() || attrs.isLink();
        } catch (SftpException e) {
            return false;
        }
    }

    @Override
    public String rename(String from, String to) throws FtpException {
        run("rename", from, () -> {
            channel.rename(quote(from), quote(to));
            return null;
        });
        return replyText;
    }

    @Override
    public String delete(String path) throws FtpException {
        run("delete", path, () -> {
            channel.rm(quote(path));
            return null;
        });
        return replyText;
    }

    @Override
    public String mkd(String path) throws FtpException {
        // JSch's mkdir and realpath take the name literally (no glob), unlike its other calls
        return run("mkd", path, () -> {
            channel.mkdir(path);
            return channel.realpath(path);
        });
    }

    @Override
    public String rmd(String path) throws FtpException {
        run("rmd", path, () -> {
            channel.rmdir(quote(path));
            return null;
        });
        return replyText;
    }

    @Override
    public long size(String path) throws FtpException {
        return run("size", path, () -> channel.stat(quote(path)).getSize());
    }

    @Override
    public Instant mdtm(String path) throws FtpException {
        // SFTP v3 keeps whole seconds, unsigned
        return run("mdtm", path, () -> Instant.ofEpochSecond(channel.stat(quote(path)).getMTime() & 0xffffffffL));
    }

    @Override
    public String quit() {
        if (streaming) {
            // a download stream handed to the route is still being read: end the session when it is closed
            quitWhenStreamCloses = true;
            return "";
        }
        close();
        return "bye";
    }

    @Override
    public void close() {
        channel.disconnect();
        ssh.disconnect();
    }

    @Override
    public boolean reusable() {
        return isOpen() && !streaming;
    }

    @Override
    public void prepareForReuse() throws FtpException {
        if (cwdChanged) {
            String back = home;
            run("cwd", back, () -> {
                channel.cd(quote(back));
                return null;
            });
            cwdChanged = false;
        }
        changedInto = null;
    }

    @Override
    public boolean alive() {
        try {
            // a round trip to the server (pwd is answered from JSch's memory)
            channel.stat(".");
            return true;
        } catch (SftpException e) {
            return false;
        }
    }

    @Override
    public boolean isOpen() {
        return channel.isConnected() && ssh.isConnected();
    }

    /** JSch reads {@code *} and {@code ?} in a path as a pattern (rm would delete every match): make them literal. */
    static String quote(String path) {
        return path.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?");
    }

    private long copy(String operation, String path, InputStream in, OutputStream out) throws FtpException {
        long size = expectedSize;
        expectedSize = -1;
        long copied = BlockCopy.copy(operation, path, server, in, out, blockSize, size, progressInterval);
        ok();
        return copied;
    }

    private void deleteRemoteQuietly(String path) {
        try {
            if (channel.isConnected()) {
                channel.rm(quote(path));
            }
        } catch (SftpException e) {
            // best effort: the temporary name is hidden (dot-prefixed) and the caller reports the real failure
        }
    }

    private void ok() {
        replyCode = ChannelSftp.SSH_FX_OK;
        replyText = OK_TEXT;
    }

    @FunctionalInterface
    private interface SftpCall<T> {
        T call() throws SftpException;
    }

    private <T> T run(String operation, String path, SftpCall<T> call) throws FtpException {
        try {
            T result = call.call();
            ok();
            return result;
        } catch (SftpException e) {
            throw failure(operation, path, e);
        }
    }

    /** An SFTP status as the ftplib exception of the same meaning; the status code stands in for the reply code. */
    private FtpException failure(String operation, String path, SftpException e) {
        replyCode = e.id;
        replyText = status(e.id) + ": " + e.getMessage();
        boolean lost = e.id == ChannelSftp.SSH_FX_NO_CONNECTION || e.id == ChannelSftp.SSH_FX_CONNECTION_LOST
                || e.getCause() instanceof IOException || !isOpen();
        if (lost) {
            return new FtpConnectionException(operation, path, server, "connection lost: " + e.getMessage(), e);
        }
        if (e.id == ChannelSftp.SSH_FX_BAD_MESSAGE) {
            return new FtpProtocolException(operation, path, server, e.id, replyText, e);
        }
        // no such file, permission denied, the server's generic "failure" (a folder not empty, a name taken) and
        // an operation it does not support: asking again will not help
        return new FtpPermanentException(operation, path, server, e.id, replyText, e);
    }

    private static String status(int id) {
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
