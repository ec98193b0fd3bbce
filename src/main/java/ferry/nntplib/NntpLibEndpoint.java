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
    @UriParam
    private NntpLibConfiguration configuration;
    @UriParam(description = "group, newnews, over: the group (newnews: a wildmat). Header FerryNntpGroup overrides.")
    private String group;
    @UriParam(description = "stat, head, body, article: an article number, or a Message-ID with its angle brackets; blank: the current"
            + " article."
            + " Header FerryNntpArticle overrides.")
    private String article;
    @UriParam(description = "list, descriptions: a wildmat (a group name, or a pattern with the wildcards star and"
            + " question mark). Header FerryNntpPattern overrides.")
    private String pattern;
    @UriParam(description = "newgroups, newnews: since when (2026-01-31T12:00:00Z). Header FerryNntpSince overrides.")
    private String since;
    @UriParam(description = "over: the range (5-, 5-9, or a Message-ID with its angle brackets); blank: the current"
            + " article."
            + " Header FerryNntpRange overrides.")
    private String range;
    private TlsSettings tls = TlsSettings.DEFAULTS;

    public NntpLibEndpoint(String uri, NntpLibComponent component, String operation, NntpLibConfiguration configuration) {
        super(uri, component);
        this.operation = NntpOperation.of(operation).step();
        this.configuration = configuration;
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
        NntpLibConfiguration c = configuration;
        return new NntpSettings(c.getHost(), c.getPort(), c.getUsername(), c.getPassword(), NntpSecurity.of(c.getSecurity()),
                tls, c.getTimeout(), c.isReaderMode());
    }

    public NntpOperation getOperation() {
        return NntpOperation.of(operation);
    }

    public NntpLibConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(NntpLibConfiguration configuration) {
        this.configuration = configuration;
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
