package ferry.nntplib;

import ferry.protocol.StepFailure;

/**
 * Base of Ferry's NNTP errors, mirroring Python's nntplib ({@code nntplib.NNTPError}): each carries the operation,
 * the group or article it was about, the server, and the reply code and text where the server answered.
 */
public class NntpException extends StepFailure {

    public NntpException(String operation, String target, String server, int replyCode, String replyText,
                         String problem, Throwable cause) {
        super(operation, target, server, replyCode, replyText, problem, cause);
    }

    /** The group or article (number or Message-ID) the operation was about, or null. */
    public String getTarget() {
        return subject();
    }
}
