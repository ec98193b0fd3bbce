package ferry.nntplib;

/** The server answered with a code the operation does not expect (nntplib's NNTPReplyError). */
public class NntpReplyException extends NntpException {

    public NntpReplyException(String operation, String target, String server, int replyCode, String replyText, Throwable cause) {
        super(operation, target, server, replyCode, replyText, "unexpected reply", cause);
    }
}
