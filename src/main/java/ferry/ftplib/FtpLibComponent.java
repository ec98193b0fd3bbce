package ferry.ftplib;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code ftplib:} component: each of Python ftplib's operations as a route step. Its connection
 * settings are the defaults of every step, configured once ({@code camel.component.ftplib.host=...});
 * an endpoint option overrides them.
 */
public class FtpLibComponent extends DefaultComponent {

    private String host = "127.0.0.1";
    private int port = 21;
    private String username;
    private String password;
    private boolean passive = true;
    private int timeout = 10000;
    private int blockSize = 256 * 1024;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        FtpLibEndpoint endpoint = new FtpLibEndpoint(uri, this, FtpOperation.of(remaining));
        endpoint.setHost(host);
        endpoint.setPort(port);
        endpoint.setUsername(username);
        endpoint.setPassword(password);
        endpoint.setPassive(passive);
        endpoint.setTimeout(timeout);
        endpoint.setBlockSize(blockSize);
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
}
