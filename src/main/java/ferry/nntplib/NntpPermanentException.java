package ferry.nntplib;

/** A 5xx reply (nntplib's NNTPPermanentError), or a TLS certificate not accepted: retrying will not help. */
public class NntpPermanentException extends NntpException {

    public NntpPermanentException(String operation, String target, String server, int replyCode, String replyText, Throwable cause) {
        super(operation, target, server, replyCode, replyText, "refused", cause);
    }

    /** A refusal that is not a reply (the server's certificate not trusted); {@code problem} says what and why. */
    public NntpPermanentException(String operation, String target, String server, String problem, Throwable cause) {
        super(operation, target, server, 0, null, problem, cause);
    }
}
