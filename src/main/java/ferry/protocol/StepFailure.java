package ferry.protocol;

/**
 * What the ftplib and nntplib errors share: the operation, what it was about (a path, a group, an article), the
 * server, and the reply code and text where the server answered, all in the message.
 */
public abstract class StepFailure extends Exception {

    private final String operation;
    private final String subject;
    private final String server;
    private final int replyCode;
    private final String replyText;
    private final String problem;

    protected StepFailure(String operation, String subject, String server, int replyCode, String replyText,
                          String problem, Throwable cause) {
        super(describe(operation, subject, server, replyCode, replyText, problem), cause);
        this.operation = operation;
        this.subject = subject;
        this.server = server;
        this.replyCode = replyCode;
        this.replyText = replyText;
        this.problem = problem;
    }

    /** What went wrong, in Ferry's words ("connection refused or unreachable", "refused"), without the reply. */
    public String getProblem() {
        return problem;
    }

    public String getOperation() {
        return operation;
    }

    /** What the operation was about (path, group, article), or null. */
    protected String subject() {
        return subject;
    }

    public String getServer() {
        return server;
    }

    /** The reply code, or 0 where the server gave none (connection errors). */
    public int getReplyCode() {
        return replyCode;
    }

    public String getReplyText() {
        return replyText;
    }

    private static String describe(String operation, String subject, String server, int code, String text,
                                   String problem) {
        StringBuilder sb = new StringBuilder(operation);
        if (subject != null && !subject.isEmpty()) {
            sb.append(" '").append(subject).append('\'');
        }
        sb.append(" failed on ").append(server).append(": ").append(problem);
        if (code > 0) {
            String reply = text == null ? "" : text.strip();
            // commons-net's reply text already starts with the code; older callers may pass the text alone
            sb.append(": ").append(reply.startsWith(String.valueOf(code)) ? reply : code + " " + reply);
        } else if (text != null && !text.isBlank()) {
            // no reply from the server, but Ferry's own account of why (a name taken, a lost state)
            sb.append(": ").append(text.strip());
        }
        return sb.toString();
    }
}
