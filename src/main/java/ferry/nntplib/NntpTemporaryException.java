package ferry.nntplib;

/**
 * A 4xx reply (nntplib's NNTPTemporaryError): 411 no such group, 423/430 no such article, 440/441 posting not
 * allowed or failed, 481 authentication failed, 480 authentication required.
 */
public class NntpTemporaryException extends NntpException {

    public NntpTemporaryException(String operation, String target, String server, int replyCode, String replyText, Throwable cause) {
        super(operation, target, server, replyCode, replyText, "temporary failure", cause);
    }
}
