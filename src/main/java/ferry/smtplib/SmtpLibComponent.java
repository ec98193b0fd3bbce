package ferry.smtplib;

import java.util.Map;

import ferry.tls.TrustingComponent;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;

/** The {@code smtplib:} component: Python smtplib's sendmail (SMTP, SMTP_SSL, LMTP) as a route step. */
@Component("smtplib")
public class SmtpLibComponent extends TrustingComponent<SmtpSettings, KeptConnection> {

    /** The mail server every step talks to unless the step says otherwise. */
    @Metadata
    private SmtpLibConfiguration configuration = new SmtpLibConfiguration();
    private int messagesPerConnection = 100;

    public SmtpLibComponent() {
        // 4 connections kept per server, closed after 30 s idle; an idle one is checked with NOOP before reuse only
        // after a 2 s pause, never while mail flows
        super(4, 30000, 2000);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        SmtpLibEndpoint endpoint = new SmtpLibEndpoint(uri, this, SmtpOperation.of(remaining), configuration.copy());
        // the same trust as the ftplib steps and the workflows (tls.*), not a step option
        endpoint.setTls(tls());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    public SmtpLibConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(SmtpLibConfiguration configuration) {
        this.configuration = configuration;
    }

    public int getMessagesPerConnection() {
        return messagesPerConnection;
    }

    /** A kept connection is closed after this many messages and a fresh one opened. */
    @Metadata(label = "advanced", defaultValue = "100")
    public void setMessagesPerConnection(int messagesPerConnection) {
        this.messagesPerConnection = messagesPerConnection;
    }
}
