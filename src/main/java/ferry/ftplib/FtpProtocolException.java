package ferry.ftplib;

/** The server sent a reply outside the FTP protocol, like ftplib's error_proto. */
public class FtpProtocolException extends FtpException {

    public FtpProtocolException(String operation, String path, String server, int replyCode, String replyText, Throwable cause) {
        super(operation, path, server, replyCode, replyText, "reply outside the FTP protocol", cause);
    }
}
