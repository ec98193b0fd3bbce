package ferry.ftplib;

/** Where and how an ftplib step connects: the same server settings the workflows use. */
public record FtpSettings(String host, int port, String username, String password, boolean passive,
                          boolean binary, int timeoutMillis, int blockSize) {

    /** Sessions are shared within an exchange only when they talk to the same server as the same user. */
    String key() {
        return (username == null ? "anonymous" : username) + "@" + host + ":" + port;
    }
}
