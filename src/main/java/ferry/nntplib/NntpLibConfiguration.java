package ferry.nntplib;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * The news server an nntplib step talks to, declared once: the component's defaults
 * ({@code camel.component.nntplib.host={{nntp.host}}}) and each step's options, which override them.
 */
@UriParams
public class NntpLibConfiguration implements Cloneable {

    /** The news server's host name or address. */
    @UriParam(defaultValue = "127.0.0.1")
    private String host = "127.0.0.1";
    /** The server's port; 0 means 119, or 563 with security=ssl. */
    @UriParam(defaultValue = "0")
    private int port;
    /** AUTHINFO user name; blank means no login. */
    @UriParam(label = "security")
    private String username;
    /** AUTHINFO password. */
    @UriParam(label = "security", secret = true)
    private String password;
    /** none, starttls (required: fails if the server refuses) or ssl (NNTPS, TLS from the first byte). */
    @UriParam(label = "security", enums = "none,starttls,ssl", defaultValue = "none")
    private String security = "none";
    /** Connect and read timeout in milliseconds. */
    @UriParam(defaultValue = "10000")
    private int timeout = 10000;
    /** Send MODE READER after connecting (nntplib's readermode). */
    @UriParam(defaultValue = "true")
    private boolean readerMode = true;

    /** The component's defaults, copied into each endpoint so a step's options never change another step's. */
    public NntpLibConfiguration copy() {
        try {
            return (NntpLibConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
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

    public boolean isReaderMode() {
        return readerMode;
    }

    public void setReaderMode(boolean readerMode) {
        this.readerMode = readerMode;
    }
}
