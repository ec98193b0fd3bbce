package ferry.ftplib;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;

/**
 * One logged-in conversation behind the ftplib steps, like an {@code ftplib.FTP} object: over FTP or FTPS
 * ({@link FtpSession}, commons-net) or over SFTP ({@link SftpSession}, JSch). Every failure is the matching
 * {@link FtpException}. Not thread-safe; one exchange uses it at a time.
 */
interface RemoteSession extends AutoCloseable, ferry.pool.Reusable {

    /** Connects and logs in with the protocol the settings name ({@code ftp}, or {@code sftp}). */
    static RemoteSession open(FtpSettings settings) throws FtpException {
        return settings.sftp() ? SftpSession.open(settings) : FtpSession.open(settings);
    }

    @Override
    String server();

    /** Is there a file at {@code path}? Asked without listing the folder. */
    boolean exists(String path) throws FtpException;


    /**
     * The final reply of the last step, not of a command sent around it (SFTP: the status, 0 and OK after a success).
     */
    int replyCode();

    String replyText();

    String loginReply();

    String pwd() throws FtpException;

    String cwd(String path) throws FtpException;

    List<String> nlst(String path) throws FtpException;

    Listing dir(String path) throws FtpException;

    /**
     * The regular files of a folder in one listing, dot files left out: over FTP by MLSD where the server offers
     * it (exact sizes and times), else LIST; over SFTP from the file attributes.
     */
    default List<FtpEntry> files(String path) throws FtpException {
        return visibleFiles(dir(path).entries());
    }

    static List<FtpEntry> visibleFiles(List<FtpEntry> entries) {
        return entries.stream().filter(e -> e.isFile() && !e.getName().startsWith(".")).toList();
    }

    List<String> retrlines(String remote) throws FtpException;

    /** Downloads {@code remote} from byte {@code rest} on into {@code out} in blocks; returns the bytes copied. */
    long retrbinary(String remote, OutputStream out, long rest) throws FtpException;

    /** The remote file as a stream; the session runs its next command only after the stream is closed. */
    InputStream openRetrieve(String remote, long rest) throws FtpException;

    /** The size of the next transfer when known (for progress lines with the time left), and how often to report. */
    void announceSize(long size, long intervalSeconds);

    /**
     * Uploads {@code in} to {@code remote}; with a {@code temp} name (atomic) it is written there first and renamed
     * when complete, else ({@code null}) straight to {@code remote}. {@code beforeRename} (may be null) runs once the
     * temporary file is complete, before the rename; from then on a failure that may have left the rename done (no
     * reply, a lost connection) leaves the temporary file in place, so the next attempt can tell whether the rename
     * went through (the temporary file is gone) or not (it is still there).
     */
    long store(String operation, String remote, InputStream in, boolean binary, String temp, Runnable beforeRename)
            throws FtpException;

    String rename(String from, String to) throws FtpException;

    String delete(String path) throws FtpException;

    /** Creates a folder; returns its path as the server names it. */
    String mkd(String path) throws FtpException;

    String rmd(String path) throws FtpException;

    long size(String path) throws FtpException;

    Instant mdtm(String path) throws FtpException;

    /** Says goodbye; the connection is closed whatever the server answers. */
    @Override
    String quit();

    boolean isOpen();

    /**
     * Is the conversation in step, so the next command gets its own reply? False when the connection is gone or a
     * transfer broke before its final reply was read: such a session is replaced, never used again.
     */
    default boolean inStep() {
        return isOpen();
    }

    /** The folder the last successful {@code cwd} changed into, or null: state a replacement session would lack. */
    String changedInto();

    @Override
    void close();

    /** A directory listing: the server's lines as it printed them, and the parsed entries. */
    record Listing(List<String> lines, List<FtpEntry> entries) {
    }
}
