package ferry.smtplib;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/**
 * An smtplib step, e.g. {@code smtplib:sendmail?host=...&from=...&to=...}. Connection options configure the
 * session; mail options may be overridden per message by their {@code FerryMail*} header.
 */
public class SmtpLibEndpoint extends DefaultEndpoint {

    private final SmtpOperation operation;
    private String host = "127.0.0.1";
    private int port = 0;
    private String protocol = "smtp";
    private String security = "none";
    private String username;
    private String password;
    private String heloName;
    private int timeout = 10000;
    private boolean debug = false;
    private boolean trustAll = false;
    private String trustedHosts;
    private boolean smtputf8 = false;
    private ferry.tls.TlsSettings tls = ferry.tls.TlsSettings.DEFAULTS;
    private boolean eightBitMime = false;
    private String dsnNotify;
    private String dsnRet;
    private boolean raw = false;
    private String from;
    private String to;
    private String cc;
    private String bcc;
    private String subject;
    private String text;
    private String envelopeFrom;
    private String envelopeTo;

    public SmtpLibEndpoint(String uri, SmtpLibComponent component, SmtpOperation operation) {
        super(uri, component);
        this.operation = operation;
    }

    @Override
    public Producer createProducer() {
        return new SmtpLibProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("smtplib:" + operation.step()
                + " is a route step (to), not a consumer (from); use camel-mail to read a mailbox");
    }

    /** The connection settings, checked: an unknown protocol or security fails when the route starts. */
    public SmtpSettings settings() {
        return new SmtpSettings(MailProtocol.of(protocol), host, port, SmtpSecurity.of(security), username, password,
                heloName, timeout, debug, trustAll, trustedHosts, smtputf8, tls);
    }

    ferry.tls.TlsSettings getTls() {
        return tls;
    }

    /** Trust comes from the component (tls.* settings, as for the ftplib steps), not from step options. */
    void setTls(ferry.tls.TlsSettings tls) {
        this.tls = tls;
    }

    public SmtpOperation getOperation() {
        return operation;
    }

    public String getHost() {
        return host;
    }

    /** The mail server's host name or address. */
    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    /** The server's port; 0 means the protocol's default (25, 465 with ssl, 24 for LMTP). */
    public void setPort(int port) {
        this.port = port;
    }

    public String getProtocol() {
        return protocol;
    }

    /** smtp, or lmtp for local delivery with one reply per recipient. */
    public void setProtocol(String protocol) {
        this.protocol = protocol;
    }

    public String getSecurity() {
        return security;
    }

    /** none, starttls (required: fails if the server offers none) or ssl (TLS from the first byte). */
    public void setSecurity(String security) {
        this.security = security;
    }

    public String getUsername() {
        return username;
    }

    /** AUTH user name; blank means no AUTH. */
    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    /** AUTH password. */
    public void setPassword(String password) {
        this.password = password;
    }

    public String getHeloName() {
        return heloName;
    }

    /** The name sent with EHLO/LHLO; default: this host's name (LMTP: localhost). */
    public void setHeloName(String heloName) {
        this.heloName = heloName;
    }

    public int getTimeout() {
        return timeout;
    }

    /** Connect, read and write timeout in milliseconds. */
    public void setTimeout(int timeout) {
        this.timeout = timeout;
    }

    public boolean isDebug() {
        return debug;
    }

    /** Log the whole protocol conversation (AUTH credentials masked), like smtplib's set_debuglevel. */
    public void setDebug(boolean debug) {
        this.debug = debug;
    }

    public boolean isTrustAll() {
        return trustAll;
    }

    /** Accept any TLS certificate and host name; for tests only, logs a warning. */
    public void setTrustAll(boolean trustAll) {
        this.trustAll = trustAll;
    }

    public String getTrustedHosts() {
        return trustedHosts;
    }

    /** Space-separated hosts whose certificates are accepted without a chain check; logs a warning. */
    public void setTrustedHosts(String trustedHosts) {
        this.trustedHosts = trustedHosts;
    }

    public boolean isSmtputf8() {
        return smtputf8;
    }

    /** Allow UTF-8 addresses and headers (SMTPUTF8 when the server offers it). */
    public void setSmtputf8(boolean smtputf8) {
        this.smtputf8 = smtputf8;
    }

    public boolean isEightBitMime() {
        return eightBitMime;
    }

    /** Send text parts as 8bit when the server offers 8BITMIME. */
    public void setEightBitMime(boolean eightBitMime) {
        this.eightBitMime = eightBitMime;
    }

    public String getDsnNotify() {
        return dsnNotify;
    }

    /** DSN NOTIFY for every recipient: NEVER, or a comma list of SUCCESS, FAILURE, DELAY. */
    public void setDsnNotify(String dsnNotify) {
        this.dsnNotify = dsnNotify;
    }

    public String getDsnRet() {
        return dsnRet;
    }

    /** DSN RET: FULL or HDRS. */
    public void setDsnRet(String dsnRet) {
        this.dsnRet = dsnRet;
    }

    public boolean isRaw() {
        return raw;
    }

    /** The body is already an RFC 5322 message (bytes, stream, file): send it as given. */
    public void setRaw(boolean raw) {
        this.raw = raw;
    }

    public String getFrom() {
        return from;
    }

    /** The From: address; header FerryMailFrom overrides it. */
    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    /** To: addresses, comma-separated; header FerryMailTo overrides it. */
    public void setTo(String to) {
        this.to = to;
    }

    public String getCc() {
        return cc;
    }

    /** Cc: addresses; header FerryMailCc overrides it. */
    public void setCc(String cc) {
        this.cc = cc;
    }

    public String getBcc() {
        return bcc;
    }

    /** Blind copies: envelope recipients with no header; header FerryMailBcc overrides it. */
    public void setBcc(String bcc) {
        this.bcc = bcc;
    }

    public String getSubject() {
        return subject;
    }

    /** The subject (RFC 2047-encoded when not ASCII); header FerryMailSubject overrides it. */
    public void setSubject(String subject) {
        this.subject = subject;
    }

    public String getText() {
        return text;
    }

    /** The text part when the body is a file to attach; header FerryMailText overrides it. */
    public void setText(String text) {
        this.text = text;
    }

    public String getEnvelopeFrom() {
        return envelopeFrom;
    }

    /** MAIL FROM when it differs from From: (<> for none); header FerryMailEnvelopeFrom. */
    public void setEnvelopeFrom(String envelopeFrom) {
        this.envelopeFrom = envelopeFrom;
    }

    public String getEnvelopeTo() {
        return envelopeTo;
    }

    /** RCPT TO list replacing to+cc+bcc; header FerryMailEnvelopeTo overrides it. */
    public void setEnvelopeTo(String envelopeTo) {
        this.envelopeTo = envelopeTo;
    }
}
