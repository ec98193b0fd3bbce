package ferry.ftplib;

/** The server sent a permanent failure (5xx reply), like ftplib's error_perm: retrying will not help. */
public class FtpPermanentException extends FtpException {

    public FtpPermanentException(String operation, String path, String server, int replyCode, String replyText, Throwable cause) {
        super(operation, path, server, replyCode, replyText, "refused", cause);
    }

    /**
     * A refusal that is not a reply: a refused SSH login or host key, a TLS certificate not accepted. {@code problem}
     * says what and why.
     */
    public FtpPermanentException(String operation, String path, String server, String problem, Throwable cause) {
        super(operation, path, server, 0, null, problem, cause);
    }
}
