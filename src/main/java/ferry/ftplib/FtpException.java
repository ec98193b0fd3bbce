package ferry.ftplib;

/**
 * Base of Ferry's FTP errors, mirroring Python's ftplib ({@code ftplib.Error}): each carries the
 * operation, the path, the server, and the reply code and text where the server answered.
 */
public class FtpException extends Exception {

    private final String operation;
    private final String path;
    private final String server;
    private final int replyCode;
    private final String replyText;

    public FtpException(String operation, String path, String server, int replyCode, String replyText,
                        String problem, Throwable cause) {
        super(describe(operation, path, server, replyCode, replyText, problem), cause);
        this.operation = operation;
        this.path = path;
        this.server = server;
        this.replyCode = replyCode;
        this.replyText = replyText;
    }

    public String getOperation() {
        return operation;
    }

    public String getPath() {
        return path;
    }

    public String getServer() {
        return server;
    }

    /** The FTP reply code, or 0 where the server gave none (connection errors). */
    public int getReplyCode() {
        return replyCode;
    }

    public String getReplyText() {
        return replyText;
    }

    private static String describe(String operation, String path, String server, int code, String text,
                                   String problem) {
        StringBuilder sb = new StringBuilder(operation);
        if (path != null && !path.isEmpty()) {
            sb.append(" '").append(path).append('\'');
        }
        sb.append(" failed on ").append(server).append(": ").append(problem);
        if (code > 0) {
            String reply = text == null ? "" : text.strip();
            // commons-net's reply text already starts with the code; older callers may pass the text alone
            sb.append(": ").append(reply.startsWith(String.valueOf(code)) ? reply : code + " " + reply);
        }
        return sb.toString();
    }
}
