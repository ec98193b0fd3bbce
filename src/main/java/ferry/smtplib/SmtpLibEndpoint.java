package ferry.smtplib;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Python smtplib's sendmail as a route step (smtplib:sendmail) over SMTP, SMTP over TLS or LMTP. Connection options
 * configure the session; mail options may be overridden per message by their FerryMail header.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "smtplib", title = "smtplib", syntax = "smtplib:operation",
        producerOnly = true, category = {Category.MAIL})
public class SmtpLibEndpoint extends DefaultEndpoint {

    /** The smtplib operation this step performs. */
    @UriPath(enums = "sendmail,noop,quit")
    @Metadata(required = true)
    private final SmtpOperation operation;
    @UriParam
    private SmtpLibConfiguration configuration;
    /** Trust comes from the component (tls.* settings, as for the ftplib steps), not from step options. */
    private ferry.tls.TlsSettings tls = ferry.tls.TlsSettings.DEFAULTS;
    /** Send text parts as 8bit when the server offers 8BITMIME. */
    @UriParam(label = "advanced", defaultValue = "false")
    private boolean eightBitMime;
    /** DSN NOTIFY for every recipient: NEVER, or a comma list of SUCCESS, FAILURE, DELAY. */
    @UriParam(label = "advanced")
    private String dsnNotify;
    /** DSN RET: FULL or HDRS. */
    @UriParam(label = "advanced", enums = "FULL,HDRS")
    private String dsnRet;
    /** The body is already an RFC 5322 message (bytes, stream, file): send it as given. */
    @UriParam(defaultValue = "false")
    private boolean raw;
    /** The From: address; header FerryMailFrom overrides it. */
    @UriParam
    private String from;
    /** To: addresses, comma-separated; header FerryMailTo overrides it. */
    @UriParam
    private String to;
    /** Cc: addresses; header FerryMailCc overrides it. */
    @UriParam
    private String cc;
    /** Blind copies: envelope recipients with no header; header FerryMailBcc overrides it. */
    @UriParam
    private String bcc;
    /** The subject (RFC 2047-encoded when not ASCII); header FerryMailSubject overrides it. */
    @UriParam
    private String subject;
    /** The text part when the body is a file to attach; header FerryMailText overrides it. */
    @UriParam
    private String text;
    /** MAIL FROM when it differs from From: (<> for none); header FerryMailEnvelopeFrom overrides it. */
    @UriParam
    private String envelopeFrom;
    /** RCPT TO list replacing to+cc+bcc; header FerryMailEnvelopeTo overrides it. */
    @UriParam
    private String envelopeTo;

    public SmtpLibEndpoint(String uri, SmtpLibComponent component, SmtpOperation operation,
                           SmtpLibConfiguration configuration) {
        super(uri, component);
        this.operation = operation;
        this.configuration = configuration;
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
        return configuration.settings(tls);
    }

    void setTls(ferry.tls.TlsSettings tls) {
        this.tls = tls;
    }

    /** Trust of a step whose server has its own (a flow's named mail server) instead of the component's. */
    public void trust(ferry.tls.TlsSettings tls) {
        this.tls = tls;
    }

    public SmtpOperation getOperation() {
        return operation;
    }

    public SmtpLibConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(SmtpLibConfiguration configuration) {
        this.configuration = configuration;
    }

    public boolean isEightBitMime() {
        return eightBitMime;
    }

    public void setEightBitMime(boolean eightBitMime) {
        this.eightBitMime = eightBitMime;
    }

    public String getDsnNotify() {
        return dsnNotify;
    }

    public void setDsnNotify(String dsnNotify) {
        this.dsnNotify = dsnNotify;
    }

    public String getDsnRet() {
        return dsnRet;
    }

    public void setDsnRet(String dsnRet) {
        this.dsnRet = dsnRet;
    }

    public boolean isRaw() {
        return raw;
    }

    public void setRaw(boolean raw) {
        this.raw = raw;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public String getCc() {
        return cc;
    }

    public void setCc(String cc) {
        this.cc = cc;
    }

    public String getBcc() {
        return bcc;
    }

    public void setBcc(String bcc) {
        this.bcc = bcc;
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }

    public String getEnvelopeFrom() {
        return envelopeFrom;
    }

    public void setEnvelopeFrom(String envelopeFrom) {
        this.envelopeFrom = envelopeFrom;
    }

    public String getEnvelopeTo() {
        return envelopeTo;
    }

    public void setEnvelopeTo(String envelopeTo) {
        this.envelopeTo = envelopeTo;
    }
}
