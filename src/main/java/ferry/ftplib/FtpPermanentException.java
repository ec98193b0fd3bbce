package ferry.ftplib;

/** The server sent a permanent failure (5xx reply), like ftplib's error_perm: retrying will not help. */
public class FtpPermanentException extends FtpException {

    public FtpPermanentException(String operation, String path, String server, int replyCode, String replyText, Throwable cause) {
        super(operation, path, server, replyCode, replyText, "refused", cause);
    }
}
