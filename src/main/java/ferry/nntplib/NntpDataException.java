package ferry.nntplib;

/** A reply whose data cannot be read (nntplib's NNTPDataError): a GROUP or overview line in the wrong shape. */
public class NntpDataException extends NntpException {

    public NntpDataException(String operation, String target, String server, int replyCode, String replyText, Throwable cause) {
        super(operation, target, server, replyCode, replyText, "bad response data", cause);
    }
}
