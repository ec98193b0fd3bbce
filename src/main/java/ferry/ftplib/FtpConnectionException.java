package ferry.ftplib;

/** The server could not be reached or the connection broke (ftplib's socket errors): host unknown, refused, timeout. */
public class FtpConnectionException extends FtpException {

    public FtpConnectionException(String operation, String path, String server, String problem, Throwable cause) {
        super(operation, path, server, 0, null, problem, cause);
    }
}
