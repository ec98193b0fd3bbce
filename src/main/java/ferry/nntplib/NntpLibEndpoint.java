package ferry.nntplib;

import ferry.tls.TlsSettings;
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
 * An nntplib step, e.g. {@code nntplib:group?host=news.example.org&group=comp.lang.java}: one of Python nntplib's
 * operations on the exchange's news session. Arguments come from options, or per message from their header.
 */
@UriEndpoint(firstVersion = "4.18.0", scheme = "nntplib", title = "nntplib", syntax = "nntplib:operation",
             producerOnly = true, category = {Category.MAIL}, headersClass = NntpHeaders.class)
public class NntpLibEndpoint extends DefaultEndpoint {

    @UriPath(description = "The nntplib operation", enums = "login,getwelcome,getcapabilities,starttls,list,"
            + "descriptions,group,newgroups,newnews,over,stat,next,last,head,body,article,post,date,quit")
    @Metadata(required = true)
    private final String operation;
    @UriParam(defaultValue = "127.0.0.1", description = "The news server's host name or address.")
    private String host = "127.0.0.1";
    @UriParam(description = "The server's port; 0 means 119, or 563 with security=ssl.")
    private int port;
    @UriParam(label = "security", description = "AUTHINFO user name; blank means no login.")
    private String username;
    @UriParam(label = "security", secret = true, description = "AUTHINFO password.")
    private String password;
    @UriParam(label = "security", defaultValue = "none", enums = "none,starttls,ssl",
              description = "none, starttls (required: fails if the server offers none) or ssl (NNTPS, TLS from the first byte).")
    private String security = "none";
    @UriParam(defaultValue = "10000", description = "Connect and read timeout in milliseconds.")
    private int timeout = 10000;
    @UriParam(defaultValue = "true", description = "Send MODE READER after connecting (nntplib's readermode).")
    private boolean readerMode = true;
    @UriParam(description = "group, newnews, over: the group (newnews: a wildmat). Header FerryNntpGroup overrides.")
    private String group;
    @UriParam(description = "stat, head, body, article: an article number or <Message-ID>; blank: the current article."
            + " Header FerryNntpArticle overrides.")
    private String article;
    @UriParam(description = "list, descriptions: a wildmat such as comp.lang.*. Header FerryNntpPattern overrides.")
    private String pattern;
    @UriParam(description = "newgroups, newnews: since when (2026-01-31T12:00:00Z). Header FerryNntpSince overrides.")
    private String since;
    @UriParam(description = "over: the range (5-, 5-9 or a <Message-ID>); blank: the current article."
            + " Header FerryNntpRange overrides.")
    private String range;
    private TlsSettings tls = TlsSettings.DEFAULTS;

    public NntpLibEndpoint(String uri, NntpLibComponent component, String operation) {
        super(uri, component);
        this.operation = NntpOperation.of(operation).step();
    }

    @Override
    public Producer createProducer() {
        return new NntpLibProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("nntplib:" + operation
                + " is a route step (to), not a consumer (from); poll with a timer and nntplib:newnews or over");
    }

    @Override
    public NntpLibComponent getComponent() {
        return (NntpLibComponent) super.getComponent();
    }

    /** The connection settings, checked: an unknown security value fails when the route starts. */
    public NntpSettings settings() {
        return new NntpSettings(host, port, username, password, NntpSecurity.of(security), tls, timeout, readerMode);
    }

    public NntpOperation getOperation() {
        return NntpOperation.of(operation);
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

    public String getSecurity() {
        return security;
    }

    public void setSecurity(String security) {
        this.security = security;
    }

    public int getTimeout() {
        return timeout;
    }

    public void setTimeout(int timeout) {
        this.timeout = timeout;
    }

    public boolean isReaderMode() {
        return readerMode;
    }

    public void setReaderMode(boolean readerMode) {
        this.readerMode = readerMode;
    }

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }

    public String getArticle() {
        return article;
    }

    public void setArticle(String article) {
        this.article = article;
    }

    public String getPattern() {
        return pattern;
    }

    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    public String getSince() {
        return since;
    }

    public void setSince(String since) {
        this.since = since;
    }

    public String getRange() {
        return range;
    }

    public void setRange(String range) {
        this.range = range;
    }

    TlsSettings getTls() {
        return tls;
    }

    /** Trust comes from the component (tls.* settings), not from step options. */
    void setTls(TlsSettings tls) {
        this.tls = tls;
    }
}
