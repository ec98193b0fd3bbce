package ferry.nntplib;

import java.util.Map;

import ferry.tls.TrustingComponent;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;

/**
 * The {@code nntplib:} component: each of Python nntplib's operations as a route step. Trust for TLS comes from
 * the component ({@code tls.*} settings), like ftplib's; kept sessions are shared by its endpoints.
 */
@Component("nntplib")
public class NntpLibComponent extends TrustingComponent<NntpSettings, NntpSession> {

    public NntpLibComponent() {
        // sessions kept logged in between exchanges; an idle one must answer DATE before reuse after a pause
        super(4, 60000, 2000);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        NntpLibEndpoint endpoint = new NntpLibEndpoint(uri, this, remaining);
        endpoint.setTls(tls());
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
