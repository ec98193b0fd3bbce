package ferry.ftplib;

import ferry.protocol.StepFailure;

/**
 * Base of Ferry's FTP errors, mirroring Python's ftplib ({@code ftplib.Error}): each carries the
 * operation, the path, the server, and the reply code and text where the server answered.
 */
public class FtpException extends StepFailure {

    public FtpException(String operation, String path, String server, int replyCode, String replyText,
                        String problem, Throwable cause) {
        super(operation, path, server, replyCode, replyText, problem, cause);
    }

    public String getPath() {
        return subject();
    }
}
