package ferry.ftplib;

import ferry.tls.TlsSettings;

/**
 * Where and how an ftplib step connects: the same server settings the workflows use, including FTPS, and for
 * {@code protocol=sftp} how the SSH server's host key is checked ({@code knownHosts} or {@code hostKeyFingerprint}).
 */
public record FtpSettings(String protocol, String host, int port, String username, String password, boolean passive,
                          boolean binary, int timeoutMillis, int blockSize, String security, TlsSettings tls,
                          String knownHosts, String hostKeyFingerprint) {

    public FtpSettings {
        protocol = protocol == null || protocol.isBlank() ? "ftp" : protocol.trim();
        if (!"ftp".equals(protocol) && !"sftp".equals(protocol)) {
            throw new IllegalArgumentException("ftplib: protocol = '" + protocol + "' is not allowed; use ftp (with"
                    + " security none, explicit or implicit for FTPS) or sftp");
        }
    }

    public boolean secure() {
        return !"none".equals(security);
    }

    public boolean sftp() {
        return "sftp".equals(protocol);
    }

    /**
     * The steps of one exchange share one session per server, whatever user the later steps name (as one
     * {@code ftplib.FTP} object): {@code login?username=anonymous} then {@code cwd} work in the same session.
     */
    String serverKey() {
        return protocol + "://" + host + ":" + port + "/" + security;
    }

    /** Without the password: settings end up in log lines and exception messages. */
    @Override
    public String toString() {
        return "FtpSettings[" + protocol + "://" + username + "@" + host + ":" + port + ", passive=" + passive
                + ", binary=" + binary + ", timeout=" + timeoutMillis + "ms, security=" + security + ", tls=" + tls
                + ", knownHosts=" + knownHosts + ", hostKeyFingerprint=" + hostKeyFingerprint + ", password="
                + (password == null ? "none" : "xxxxxx") + "]";
    }
}
