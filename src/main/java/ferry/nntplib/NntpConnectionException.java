package ferry.nntplib;

/** The server could not be reached or the connection broke (nntplib's socket errors): host unknown, refused, timeout. */
public class NntpConnectionException extends NntpException {

    public NntpConnectionException(String operation, String target, String server, String problem, Throwable cause) {
        super(operation, target, server, 0, null, problem, cause);
    }
}
