package ferry.ftplib;

/** The server sent an unexpected reply, like ftplib's error_reply. */
public class FtpReplyException extends FtpException {

    public FtpReplyException(String operation, String path, String server, int replyCode, String replyText, Throwable cause) {
        super(operation, path, server, replyCode, replyText, "unexpected reply", cause);
    }
}
