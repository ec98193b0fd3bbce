package ferry.nntplib;

import ferry.tls.TlsSettings;

/** Where and how an nntplib step connects; sessions are kept and shared per equal settings. */
public record NntpSettings(String host, int port, String username, String password, NntpSecurity security,
                           TlsSettings tls, int timeoutMillis, boolean readerMode) {

    public NntpSettings {
        CommandLines.check("username", username);
        CommandLines.check("password", password);
    }

    /** The port to use: the configured one, else 563 for NNTPS and 119 otherwise. */
    public int effectivePort() {
        return port > 0 ? port : security == NntpSecurity.SSL ? 563 : 119;
    }

    public String server() {
        return host + ":" + effectivePort();
    }

    /** Steps of one exchange share a session when they talk to the same server as the same user. */
    String key() {
        return (username == null ? "" : username) + "@" + server() + "/" + security;
    }

    /** Settings end up in log lines and messages: never the password. */
    @Override
    public String toString() {
        return "NntpSettings[" + username + "@" + server() + ", security=" + security + ", tls=" + tls + ", timeout="
                + timeoutMillis + "ms, readerMode=" + readerMode + ", password=" + (password == null ? "none" : "xxxxxx") + "]";
    }
}
