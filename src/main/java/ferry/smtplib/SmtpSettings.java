package ferry.smtplib;

/**
 * Where and how a step connects; only these values ever configure the Jakarta Mail session. {@code tls} is the trust
 * of the ftplib steps and the workflows ({@code tls.trust-store}, ...), used unless trustAll or trustedHosts say otherwise.
 */
public record SmtpSettings(MailProtocol protocol, String host, int port, SmtpSecurity security, String username,
                           String password, String heloName, int timeoutMillis, boolean debug, boolean trustAll,
                           String trustedHosts, boolean smtputf8, ferry.tls.TlsSettings tls) {

    public SmtpSettings {
        // an empty user name would make Angus attempt AUTH: blank means "no AUTH"
        username = username == null || username.isBlank() ? null : username.trim();
        heloName = heloName == null || heloName.isBlank() ? null : heloName.trim();
        trustedHosts = trustedHosts == null || trustedHosts.isBlank() ? null : trustedHosts.trim();
        tls = tls == null ? ferry.tls.TlsSettings.DEFAULTS : tls;
        if (port <= 0) {
            port = protocol == MailProtocol.LMTP ? 24 : security == SmtpSecurity.SSL ? 465 : 25;
        }
    }

    public String server() {
        return host + ":" + port;
    }

    /** Connections are shared within an exchange only when every connection setting is the same. */
    String key() {
        return protocol + "|" + security + "|" + (username == null ? "" : username) + "@" + server() + "|" + heloName
                + "|" + timeoutMillis + "|" + debug + "|" + trustAll + "|" + trustedHosts + "|" + smtputf8 + "|" + tls.trustStore()
                + "|" + tls.insecure() + "|" + tls.protocols();
    }

    /** Without the password: settings end up in log lines and exception messages. */
    @Override
    public String toString() {
        return "SmtpSettings[" + protocol + " " + security + " " + (username == null ? "" : username + "@") + server()
                + ", helo=" + heloName + ", timeout=" + timeoutMillis + "ms, debug=" + debug + ", trustAll=" + trustAll
                + ", trustedHosts=" + trustedHosts + ", smtputf8=" + smtputf8 + ", tls=" + tls + ", password="
                + (password == null ? "none" : "xxxxxx") + "]";
    }
}
