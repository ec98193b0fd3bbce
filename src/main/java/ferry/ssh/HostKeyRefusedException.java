package ferry.ssh;

/**
 * An SSH server presented a host key Ferry was not told to trust: a changed server key or a man in the middle.
 * Permanent: waiting does not change the key. Unchecked because JSch's host key check cannot throw checked ones.
 */
public class HostKeyRefusedException extends RuntimeException {

    private final String host;
    private final String presented;
    private final String expected;

    public HostKeyRefusedException(String host, String presented, String expected, String source) {
        super("SSH server " + host + " presented the host key " + presented + ", but " + source + " expects "
                + expected + ": refused (a replaced server key or a man in the middle; compare the fingerprint with"
                + " the server's administrator before trusting it)");
        this.host = host;
        this.presented = presented;
        this.expected = expected;
    }

    /** The server as JSch names it ({@code [host]:port} for ports other than 22). */
    public String getHost() {
        return host;
    }

    /** The fingerprint (and key type) of the key the server presented. */
    public String getPresented() {
        return presented;
    }

    /** The fingerprints Ferry would have accepted, or {@code none}. */
    public String getExpected() {
        return expected;
    }
}
