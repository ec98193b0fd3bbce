package ferry.ftplib;

/**
 * A file of a watched folder was no longer there when it was to be moved: someone else took it (another instance, a
 * person) after it was handled. Nothing is moved, and nothing in the target folder is replaced for it.
 */
public class FtpFileGoneException extends FtpPermanentException {

    public FtpFileGoneException(String path, String server, Throwable cause) {
        super("rename", path, server, "the file is no longer there (taken by someone else)", cause);
    }
}
