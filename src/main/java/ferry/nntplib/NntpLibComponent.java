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

    @Metadata(description = "Default news server of every step (nntp.host).", defaultValue = "127.0.0.1")
    private String host = "127.0.0.1";
    @Metadata(description = "Default port; 0: 119, or 563 with security=ssl (nntp.port).")
    private int port;
    @Metadata(label = "security", description = "Default AUTHINFO user (nntp.username); blank: no login.")
    private String username;
    @Metadata(label = "security", secret = true, description = "Default AUTHINFO password (nntp.password).")
    private String password;
    @Metadata(label = "security", description = "Default security: none, starttls or ssl (nntp.security).",
              defaultValue = "none")
    private String security = "none";
    @Metadata(description = "Default connect and read timeout in ms (nntp.timeout).", defaultValue = "10000")
    private int timeout = 10000;

    public NntpLibComponent() {
        // sessions kept logged in between exchanges; an idle one must answer DATE before reuse after a pause
        super(4, 60000, 2000);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        NntpLibEndpoint endpoint = new NntpLibEndpoint(uri, this, remaining);
        endpoint.setTls(tls());
        endpoint.setHost(host);
        endpoint.setPort(port);
        endpoint.setUsername(username);
        endpoint.setPassword(password);
        endpoint.setSecurity(security);
        endpoint.setTimeout(timeout);
        setProperties(endpoint, parameters);
        return endpoint;
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
}
