package ferry.ftplib;

import ferry.tls.TlsSettings;

/** Where and how an ftplib step connects: the same server settings the workflows use, including FTPS. */
public record FtpSettings(String host, int port, String username, String password, boolean passive,
                          boolean binary, int timeoutMillis, int blockSize, String security, TlsSettings tls) {

    public FtpSettings(String host, int port, String username, String password, boolean passive,
                       boolean binary, int timeoutMillis, int blockSize) {
        this(host, port, username, password, passive, binary, timeoutMillis, blockSize, "none", TlsSettings.DEFAULTS);
    }

    public boolean secure() {
        return !"none".equals(security);
    }

    /** Sessions are shared within an exchange only when they talk to the same server as the same user. */
    String key() {
        return (username == null ? "anonymous" : username) + "@" + host + ":" + port + "/" + security;
    }
}
