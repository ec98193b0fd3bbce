package ferry.ftplib;

/** The server sent a temporary failure (4xx reply), like ftplib's error_temp: worth retrying. */
public class FtpTemporaryException extends FtpException {

    public FtpTemporaryException(String operation, String path, String server, int replyCode, String replyText, Throwable cause) {
        super(operation, path, server, replyCode, replyText, "temporary failure", cause);
    }
}
