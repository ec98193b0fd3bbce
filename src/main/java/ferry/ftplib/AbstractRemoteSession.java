package ferry.ftplib;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What an FTP and an SFTP session keep alike: the reply each step reports, the folder a cwd left behind (undone
 * before reuse), a download stream handed out (the session quits only once it is closed), progress for the next
 * transfer, and the atomic store through a temporary name. The protocol's own commands are the subclass's.
 */
abstract class AbstractRemoteSession implements RemoteSession {

    private final String server;
    private final int blockSize;
    // the reply each step reports (FerryFtpReplyCode/Text): its own final one, not of a command sent around it
    private int replyCode;
    private String replyText;
    private int loginCode;
    private String loginReply = "";
    private long expectedSize = -1;
    // one block buffer for the session's life: a kept session moves thousands of small files, and a fresh
    // block per file was most of what the JVM allocated (and collected) while publishing them
    private byte[] block;
    private long progressInterval = 5;
    private boolean streaming;
    private boolean quitWhenStreamCloses;
    // for reuse by another exchange: the folder a cwd left behind is undone, a broken session is not reused
    private String home;
    private boolean cwdChanged;
    private String changedInto;

    AbstractRemoteSession(FtpSettings settings, String initialReplyText) {
        this.server = settings.host() + ":" + settings.port();
        this.blockSize = settings.blockSize();
        this.replyText = initialReplyText;
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

    @Override
    public final String server() {
        return server;
    }

    @Override
    public final int replyCode() {
        return replyCode;
    }

    @Override
    public final String replyText() {
        return replyText;
    }

    /** Takes {@code code} and {@code text} as the step's reply. */
    protected final void reply(int code, String text) {
        replyCode = code;
        replyText = text;
    }

    /** Keeps the server's answer to the login, which {@link #loginReply()} reports as a step of its own. */
    protected final void loggedIn(int code, String text) {
        loginCode = code;
        loginReply = text;
    }

    @Override
    public final String loginReply() {
        reply(loginCode, loginReply);
        return loginReply;
    }

    @Override
    public String cwd(String path) throws FtpException {
        if (home == null) {
            home = pwd();
        }
        enterFolder(path, true);
        cwdChanged = true;
        changedInto = path;
        return replyText;
    }

    /** Changes the working folder; {@code asStep}: its reply is the step's (a cwd, not the one undoing it before reuse). */
    protected abstract void enterFolder(String path, boolean asStep) throws FtpException;

    @Override
    public final String changedInto() {
        return changedInto;
    }

    /** Back to the state after login: the login folder again. */
    @Override
    public final void prepareForReuse() throws FtpException {
        if (cwdChanged) {
            enterFolder(home, false);
            cwdChanged = false;
        }
        changedInto = null;
    }

    @Override
    public final boolean reusable() {
        return isOpen() && !streaming;
    }

    @Override
    public final void announceSize(long size, long intervalSeconds) {
        this.expectedSize = size;
        this.progressInterval = intervalSeconds;
    }

    /** Copies one transfer in blocks with progress lines, sized by the last {@link #announceSize}; returns the bytes. */
    protected long copy(String operation, String path, InputStream in, OutputStream out) throws FtpException {
        long size = expectedSize;
        expectedSize = -1;
        if (block == null) {
            block = new byte[blockSize];
        }
        return BlockCopy.copy(operation, path, server, in, out, block, size, progressInterval);
    }

    /** Hands a download stream to the route: until it is closed the session runs no command, and a quit waits. */
    protected final InputStream handOut(InputStream in, HandedOutStream.Finish finish) {
        streaming = true;
        return new HandedOutStream(in, finish, this::streamClosed);
    }

    private void streamClosed() {
        streaming = false;
        if (quitWhenStreamCloses) {
            quit();
        }
    }

    @Override
    public final String quit() {
        if (streaming) {
            // a download stream handed to the route is still being read: end the session when it is closed
            quitWhenStreamCloses = true;
            return "";
        }
        return goodbye();
    }

    /** Says goodbye and closes the connection whatever the server answers; returns the answer. */
    protected abstract String goodbye();

    @Override
    public long store(String operation, String remote, InputStream in, boolean binary, String tempName, Runnable beforeRename)
            throws FtpException {
        boolean atomic = tempName != null;
        String target = atomic ? tempName : remote;
        boolean renaming = false;
        try {
            long copied = upload(operation, remote, target, in);
            if (atomic) {
                if (beforeRename != null) {
                    beforeRename.run();
                }
                renaming = true;
                replace(operation, tempName, remote);
            }
            return copied;
        } catch (FtpException | RuntimeException e) {
            // once the rename was asked for, the temporary file is the only sign of whether it happened: kept
            if (atomic && !renaming) {
                deleteQuietly(target);
            }
            throw e;
        }
    }

    /** Writes {@code in} to {@code target} (the temporary name, or {@code remote} itself); returns the bytes. */
    protected abstract long upload(String operation, String remote, String target, InputStream in) throws FtpException;

    /** Renames the finished temporary file to {@code remote}, replacing a file there. */
    protected abstract void replace(String operation, String temp, String remote) throws FtpException;

    /** Removes a broken upload's temporary file, best effort: the caller reports the real failure. */
    protected abstract void deleteQuietly(String path);
}
