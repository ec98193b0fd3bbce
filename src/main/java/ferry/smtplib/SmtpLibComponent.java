package ferry.smtplib;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/** The {@code smtplib:} component: Python smtplib's sendmail (SMTP, SMTP_SSL, LMTP) as a route step. */
public class SmtpLibComponent extends DefaultComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        SmtpLibEndpoint endpoint = new SmtpLibEndpoint(uri, this, SmtpOperation.of(remaining));
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
