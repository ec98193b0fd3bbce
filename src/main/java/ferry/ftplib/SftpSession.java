package ferry.ftplib;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpATTRS;
import com.jcraft.jsch.SftpException;

/**
 * One logged-in SFTP conversation (JSch's ChannelSftp, the SSH library camel-ftp uses) behind the ftplib steps.
 * The server's host key is checked, always ({@link SftpConnector}). SFTP status codes take the place of FTP
 * replies: no such file, permission denied and the server's refusals are permanent, a lost connection is a
 * connection error. SFTP has no text mode: {@code retrlines} reads lines and {@code storlines} sends the text as it is.
 */
final class SftpSession extends AbstractRemoteSession {

    private static final String OK_TEXT = "OK";

    private final Session ssh;
    private final ChannelSftp channel;

    private SftpSession(Session ssh, ChannelSftp channel, FtpSettings settings) {
        super(settings, OK_TEXT);
        this.ssh = ssh;
        this.channel = channel;
    }

    static SftpSession open(FtpSettings settings) throws FtpException {
        SftpConnector.Connection connection = SftpConnector.connect(settings);
        SftpSession session = new SftpSession(connection.ssh(), connection.channel(), settings);
        String loginReply = "logged in as " + connection.user() + " (SFTP, " + connection.ssh().getServerVersion() + ")";
        session.loggedIn(ChannelSftp.SSH_FX_OK, loginReply);
        session.reply(ChannelSftp.SSH_FX_OK, loginReply);
        return session;
    }

    @Override
    public String pwd() throws FtpException {
        return run("pwd", null, channel::pwd);
    }

    @Override
    protected void enterFolder(String path, boolean asStep) throws FtpException {
        run("cwd", path, () -> {
            channel.cd(quote(path));
            return null;
        });
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
        return BlockCopy.lines("retrlines", remote, server(), in);
    }

    @Override
    public long retrbinary(String remote, OutputStream out, long rest) throws FtpException {
        return copy("retrbinary", remote, run("retrbinary", remote, () -> channel.get(quote(remote), null, Math.max(0, rest))), out);
    }

    @Override
    public InputStream openRetrieve(String remote, long rest) throws FtpException {
        InputStream in = run("retrbinary", remote, () -> channel.get(quote(remote), null, Math.max(0, rest)));
        // SFTP has no final reply to wait for: the stream's close is the end of the transfer
        return handOut(in, () -> { });
    }

    /** SFTP has no ASCII mode: storlines sends the text as it is, as a Unix server would store it anyway. */
    @Override
    protected long upload(String operation, String remote, String target, InputStream in) throws FtpException {
        OutputStream out = run(operation, remote, () -> channel.put(quote(target), ChannelSftp.OVERWRITE));
        try (OutputStream data = out) {
            return copy(operation, remote, in, data);
        } catch (IOException e) {
            throw new FtpConnectionException(operation, remote, server(), "closing the upload: " + e.getMessage(), e);
        }
    }

    /** Renames the finished temporary file over {@code remote}; SFTP v3 refuses to rename onto an existing name. */
    @Override
    protected void replace(String operation, String temp, String remote) throws FtpException {
        try {
            channel.rename(quote(temp), quote(remote));
        } catch (SftpException first) {
            boolean there;
            try {
                there = exists(remote);
            } catch (FtpException looking) {
                looking.addSuppressed(first);
                throw looking;
            }
            if (!there) {
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
    public boolean exists(String path) throws FtpException {
        try {
            // a file or a folder; some servers answer a path under a plain file ("/file/x") with empty attributes
            // instead of an error: that is no file
            com.jcraft.jsch.SftpATTRS attrs = channel.stat(quote(path));
            return attrs.isReg() || attrs.isDir() || attrs.isLink();
        } catch (SftpException e) {
            if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                return false;
            }
            // any other answer (a server that will not describe the path, a connection gone) says nothing either
            // way: the folder's listing decides, and a listing that fails too fails the step as its own command would
            return listed(path);
        }
    }

    private boolean listed(String path) throws FtpException {
        String plain = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        int slash = plain.lastIndexOf('/');
        String folder = slash < 0 ? "." : slash == 0 ? "/" : plain.substring(0, slash);
        String name = plain.substring(slash + 1);
        boolean[] found = {false};
        run("exists", path, () -> {
            // stops at the name: a folder of thousands is not read to its end for one file
            channel.ls(quote(folder), entry -> {
                found[0] = entry.getFilename().equals(name);
                return found[0] ? ChannelSftp.LsEntrySelector.BREAK : ChannelSftp.LsEntrySelector.CONTINUE;
            });
            return null;
        });
        return found[0];
    }

    @Override
    public String rename(String from, String to) throws FtpException {
        run("rename", from, () -> {
            channel.rename(quote(from), quote(to));
            return null;
        });
        return replyText();
    }

    @Override
    public String delete(String path) throws FtpException {
        run("delete", path, () -> {
            channel.rm(quote(path));
            return null;
        });
        return replyText();
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
        return replyText();
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
    protected String goodbye() {
        close();
        return "bye";
    }

    @Override
    public void close() {
        channel.disconnect();
        ssh.disconnect();
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

    @Override
    protected long copy(String operation, String path, InputStream in, OutputStream out) throws FtpException {
        long copied = super.copy(operation, path, in, out);
        ok();
        return copied;
    }

    @Override
    protected void deleteQuietly(String path) {
        try {
            if (channel.isConnected()) {
                channel.rm(quote(path));
            }
        } catch (SftpException e) {
            // best effort: the temporary name is hidden (dot-prefixed) and the caller reports the real failure
        }
    }

    private void ok() {
        reply(ChannelSftp.SSH_FX_OK, OK_TEXT);
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
        reply(e.id, SftpFailures.status(e.id) + ": " + e.getMessage());
        return SftpFailures.failure(operation, path, server(), e, replyText(), isOpen());
    }
}
