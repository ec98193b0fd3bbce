package ferry.ftplib;

import java.util.Map;

import ferry.tls.TrustingComponent;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;

/**
 * The {@code ftplib:} component: each of Python ftplib's operations as a route step. Its connection
 * settings are the defaults of every step, configured once ({@code camel.component.ftplib.host=...});
 * an endpoint option overrides them.
 */
@Component("ftplib")
public class FtpLibComponent extends TrustingComponent<FtpSettings, RemoteSession> {

    /** The server every step talks to unless the step says otherwise. */
    @Metadata
    private FtpLibConfiguration configuration = new FtpLibConfiguration();

    public FtpLibComponent() {
        // 8 sessions kept per server, logged out after 60 s idle; an idle one is checked with NOOP before reuse
        // only after a 2 s pause, never while work flows
        super(8, 60000, 2000);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        FtpLibEndpoint endpoint = new FtpLibEndpoint(uri, this, FtpOperation.of(remaining), configuration.copy());
        endpoint.setTls(tls());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    public FtpLibConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(FtpLibConfiguration configuration) {
        this.configuration = configuration;
    }

    // For code that sets up the component itself rather than through properties (tests).
    public void setProtocol(String protocol) {
        configuration.setProtocol(protocol);
    }

    public void setSecurity(String security) {
        configuration.setSecurity(security);
    }

    public void setKnownHosts(String knownHosts) {
        configuration.setKnownHosts(knownHosts);
    }
}
