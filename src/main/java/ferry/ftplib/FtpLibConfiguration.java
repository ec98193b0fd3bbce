package ferry.ftplib;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * The server an ftplib step talks to, declared once: the component's defaults ({@code camel.component.ftplib.host=...})
 * and each step's options, which override them (Camel's tooling flattens these into both).
 */
@UriParams
public class FtpLibConfiguration implements Cloneable {

    /** ftp (FTP, or FTPS with security) or sftp (SSH), as ftp.protocol. */
    @UriParam(enums = "ftp,sftp", defaultValue = "ftp")
    private String protocol = "ftp";
    /** The server's host name or address. */
    @UriParam(defaultValue = "127.0.0.1")
    private String host = "127.0.0.1";
    /** The server's port. */
    @UriParam(defaultValue = "21")
    private int port = 21;
    /** The user name to log in with; none: anonymous. */
    @UriParam(label = "security")
    private String username;
    /** The password to log in with. */
    @UriParam(label = "security", secret = true)
    private String password;
    /** Passive mode (PASV): the client opens the data connection. */
    @UriParam(defaultValue = "true")
    private boolean passive = true;
    /** Connect, reply and data timeout in milliseconds. */
    @UriParam(defaultValue = "10000")
    private int timeout = 10000;
    /** Transfer block size in bytes, per read and write (ftplib's blocksize). */
    @UriParam(label = "advanced", defaultValue = "262144")
    private int blockSize = 256 * 1024;
    /** none, explicit (AUTH TLS) or implicit FTPS, as ftp.security; data is always protected (PROT P) with FTPS. */
    @UriParam(label = "security", enums = "none,explicit,implicit", defaultValue = "none")
    private String security = "none";
    /** SFTP: OpenSSH known_hosts file the server's key must be in (sftp.known-hosts). */
    @UriParam(label = "security")
    private String knownHosts = "";
    /** SFTP: the server key's SHA256 fingerprint(s), comma-separated; when set, used instead of knownHosts. */
    @UriParam(label = "security")
    private String hostKeyFingerprint = "";

    /** The component's defaults, copied into each endpoint so a step's options never change another step's. */
    public FtpLibConfiguration copy() {
        try {
            return (FtpLibConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    public String getProtocol() {
        return protocol;
    }

    public void setProtocol(String protocol) {
        this.protocol = protocol;
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

    public void setSecurity(String security) {
        this.security = security;
    }

    public String getKnownHosts() {
        return knownHosts;
    }

    public void setKnownHosts(String knownHosts) {
        this.knownHosts = knownHosts;
    }

    public String getHostKeyFingerprint() {
        return hostKeyFingerprint;
    }

    public void setHostKeyFingerprint(String hostKeyFingerprint) {
        this.hostKeyFingerprint = hostKeyFingerprint;
    }
}
