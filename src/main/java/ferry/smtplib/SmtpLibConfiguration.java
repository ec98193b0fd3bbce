package ferry.smtplib;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * The mail server an smtplib step talks to, declared once: the component's defaults
 * ({@code camel.component.smtplib.host=...}) and each step's options, which override them.
 */
@UriParams
public class SmtpLibConfiguration implements Cloneable {

    /** The mail server's host name or address. */
    @UriParam(defaultValue = "127.0.0.1")
    private String host = "127.0.0.1";
    /** The server's port; 0 means the protocol's default (25, 465 with ssl, 24 for LMTP). */
    @UriParam(defaultValue = "0")
    private int port;
    /** smtp, or lmtp for local delivery with one reply per recipient. */
    @UriParam(enums = "smtp,lmtp", defaultValue = "smtp")
    private String protocol = "smtp";
    /** none, starttls (required: fails if the server offers none) or ssl (TLS from the first byte). */
    @UriParam(label = "security", enums = "none,starttls,ssl", defaultValue = "none")
    private String security = "none";
    /** AUTH user name; blank means no AUTH. */
    @UriParam(label = "security")
    private String username;
    /** AUTH password. */
    @UriParam(label = "security", secret = true)
    private String password;
    /** The name sent with EHLO/LHLO; default: this host's name (LMTP: localhost). */
    @UriParam
    private String heloName;
    /** Connect, read and write timeout in milliseconds. */
    @UriParam(defaultValue = "10000")
    private int timeout = 10000;
    /** Log the whole protocol conversation (AUTH credentials masked), like smtplib's set_debuglevel. */
    @UriParam(label = "advanced", defaultValue = "false")
    private boolean debug;
    /** Accept any TLS certificate and host name; for tests only, logs a warning. */
    @UriParam(label = "security", defaultValue = "false")
    private boolean trustAll;
    /** Space-separated hosts whose certificates are accepted without a chain check; logs a warning. */
    @UriParam(label = "security")
    private String trustedHosts;
    /** Allow UTF-8 addresses and headers (SMTPUTF8 when the server offers it). */
    @UriParam(defaultValue = "false")
    private boolean smtputf8;

    /** The component's defaults, copied into each endpoint so a step's options never change another step's. */
    public SmtpLibConfiguration copy() {
        try {
            return (SmtpLibConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    /**
     * The connection settings with the component's trust, checked: an unknown protocol or security fails when the
     * route starts.
     */
    SmtpSettings settings(ferry.tls.TlsSettings tls) {
        return new SmtpSettings(MailProtocol.of(protocol), host, port, SmtpSecurity.of(security), username, password,
                heloName, timeout, debug, trustAll, trustedHosts, smtputf8, tls);
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public String getProtocol() {
        return protocol;
    }

    public void setProtocol(String protocol) {
        this.protocol = protocol;
    }

    public String getSecurity() {
        return security;
    }

    public void setSecurity(String security) {
        this.security = security;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getHeloName() {
        return heloName;
    }

    public void setHeloName(String heloName) {
        this.heloName = heloName;
    }

    public int getTimeout() {
        return timeout;
    }

    public void setTimeout(int timeout) {
        this.timeout = timeout;
    }

    public boolean isDebug() {
        return debug;
    }

    public void setDebug(boolean debug) {
        this.debug = debug;
    }

    public boolean isTrustAll() {
        return trustAll;
    }

    public void setTrustAll(boolean trustAll) {
        this.trustAll = trustAll;
    }

    public String getTrustedHosts() {
        return trustedHosts;
    }

    public void setTrustedHosts(String trustedHosts) {
        this.trustedHosts = trustedHosts;
    }

    public boolean isSmtputf8() {
        return smtputf8;
    }

    public void setSmtputf8(boolean smtputf8) {
        this.smtputf8 = smtputf8;
    }
}
