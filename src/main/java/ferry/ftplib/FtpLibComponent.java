package ferry.ftplib;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/** The {@code ftplib:} component: each of Python ftplib's operations as a route step. */
public class FtpLibComponent extends DefaultComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        FtpLibEndpoint endpoint = new FtpLibEndpoint(uri, this, FtpOperation.of(remaining));
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
