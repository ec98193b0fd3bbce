package ferry.ftplib;

import java.util.Map;

import org.apache.camel.Endpoint;
import ferry.tls.TrustingComponent;

/**
 * The {@code ftplib:} component: each of Python ftplib's operations as a route step. Its connection
 * settings are the defaults of every step, configured once ({@code camel.component.ftplib.host=...});
 * an endpoint option overrides them.
 */
public class FtpLibComponent extends TrustingComponent<FtpSettings, RemoteSession> {

    private String protocol = "ftp";
    private String knownHosts = "";
    private String hostKeyFingerprint = "";
    private String host = "127.0.0.1";
    private int port = 21;
    private String username;
    private String password;
    private boolean passive = true;
    private int timeout = 10000;
    private int blockSize = 256 * 1024;
    private String security = "none";

    public FtpLibComponent() {
        // sessions kept logged in between exchanges, shared by every ftplib endpoint of this component; an idle one
        // is checked with NOOP before reuse only after a pause, never while work flows
        super(8, 60000, 2000);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        FtpLibEndpoint endpoint = new FtpLibEndpoint(uri, this, FtpOperation.of(remaining));
        endpoint.setProtocol(protocol);
        endpoint.setKnownHosts(knownHosts);
        endpoint.setHostKeyFingerprint(hostKeyFingerprint);
        endpoint.setHost(host);
        endpoint.setPort(port);
        endpoint.setUsername(username);
        endpoint.setPassword(password);
        endpoint.setPassive(passive);
        endpoint.setTimeout(timeout);
        endpoint.setBlockSize(blockSize);
        endpoint.setSecurity(security);
        endpoint.setTls(tls());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    public String getProtocol() {
        return protocol;
    }

    /** ftp or sftp, as ftp.protocol. */
    public void setProtocol(String protocol) {
        this.protocol = protocol;
    }

    public String getKnownHosts() {
        return knownHosts;
    }

    /** SFTP: known_hosts file holding the server's key (sftp.known-hosts). */
    public void setKnownHosts(String knownHosts) {
        this.knownHosts = knownHosts;
    }

    public String getHostKeyFingerprint() {
        return hostKeyFingerprint;
    }

    /** SFTP: pinned SHA256 fingerprint(s) of the server's key (sftp.host-key-fingerprint); set: known_hosts unused. */
    public void setHostKeyFingerprint(String hostKeyFingerprint) {
        this.hostKeyFingerprint = hostKeyFingerprint;
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

    public boolean isPassive() {
        return passive;
    }

    public void setPassive(boolean passive) {
        this.passive = passive;
    }

    public int getTimeout() {
        return timeout;
    }

    public void setTimeout(int timeout) {
        this.timeout = timeout;
    }

    public int getBlockSize() {
        return blockSize;
    }

    public void setBlockSize(int blockSize) {
        this.blockSize = blockSize;
    }

    public String getSecurity() {
        return security;
    }

    /** none, explicit or implicit (FTPS), as ftp.security. */
    public void setSecurity(String security) {
        this.security = security;
    }
}
