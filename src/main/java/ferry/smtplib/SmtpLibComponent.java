package ferry.smtplib;

import java.util.Map;

import ferry.pool.PooledComponent;
import org.apache.camel.Endpoint;

/** The {@code smtplib:} component: Python smtplib's sendmail (SMTP, SMTP_SSL, LMTP) as a route step. */
public class SmtpLibComponent extends PooledComponent<SmtpSettings, KeptConnection> {

    private int messagesPerConnection = 100;

    public SmtpLibComponent() {
        // connections kept open between exchanges, shared by every smtplib endpoint of this component; an idle one
        // is checked with NOOP before reuse only after a pause, never while mail flows
        super(4, 30000, 2000);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        SmtpLibEndpoint endpoint = new SmtpLibEndpoint(uri, this, SmtpOperation.of(remaining));
        setProperties(endpoint, parameters);
        return endpoint;
    }

    public int getMessagesPerConnection() {
        return messagesPerConnection;
    }

    /** A kept connection is closed after this many messages and a fresh one opened. */
    public void setMessagesPerConnection(int messagesPerConnection) {
        this.messagesPerConnection = messagesPerConnection;
    }
}
