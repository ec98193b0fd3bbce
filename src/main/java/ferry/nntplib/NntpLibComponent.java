package ferry.nntplib;

import java.util.Map;

import ferry.tls.TrustingComponent;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;

/**
 * The {@code nntplib:} component: each of Python nntplib's operations as a route step. Its server settings are the
 * defaults of every step, configured once ({@code camel.component.nntplib.host={{nntp.host}}}); an endpoint option
 * overrides them. Trust for TLS comes from the {@code tls.*} settings, as ftplib's; kept sessions are shared.
 */
@Component("nntplib")
public class NntpLibComponent extends TrustingComponent<NntpSettings, NntpSession> {

    /** The server every step talks to unless the step says otherwise. */
    @Metadata
    private NntpLibConfiguration configuration = new NntpLibConfiguration();

    public NntpLibComponent() {
        // sessions kept logged in between exchanges; an idle one must answer DATE before reuse after a pause
        super(4, 60000, 2000);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        NntpLibEndpoint endpoint = new NntpLibEndpoint(uri, this, remaining, configuration.copy());
        endpoint.setTls(tls());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    public NntpLibConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(NntpLibConfiguration configuration) {
        this.configuration = configuration;
    }
}
