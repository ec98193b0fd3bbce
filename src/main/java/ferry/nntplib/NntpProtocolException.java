package ferry.nntplib;

/** The server's answer is not NNTP at all (nntplib's NNTPProtocolError): no three-digit code. */
public class NntpProtocolException extends NntpException {

    public NntpProtocolException(String operation, String target, String server, int replyCode, String replyText, Throwable cause) {
        super(operation, target, server, replyCode, replyText, "not an NNTP reply", cause);
    }
}
