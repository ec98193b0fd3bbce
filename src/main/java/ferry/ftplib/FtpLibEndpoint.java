package ferry.ftplib;

import ferry.tls.TlsSettings;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/**
 * An ftplib step, e.g. {@code ftplib:cwd?host=...&path=pub}. Connection options mirror camel-ftp's;
 * passive and binary are on by default.
 */
public class FtpLibEndpoint extends DefaultEndpoint {

    private final FtpOperation operation;
    private String protocol = "ftp";
    private String host = "127.0.0.1";
    private int port = 21;
    private String username;
    private String password;
    private boolean passive = true;
    private boolean binary = true;
    private int timeout = 10000;
    private int blockSize = 256 * 1024;
    private String path;
    private String to;
    private String localDir;
    private long rest;
    private boolean atomic = true;
    private String ifExists = "replace";
    private String security = "none";
    private TlsSettings tls = TlsSettings.DEFAULTS;
    private String knownHosts = "";
    private String hostKeyFingerprint = "";

    public FtpLibEndpoint(String uri, FtpLibComponent component, FtpOperation operation) {
        super(uri, component);
        this.operation = operation;
    }

    @Override
    public Producer createProducer() {
        return new FtpLibProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("ftplib:" + operation.step()
                + " is a route step (to), not a consumer (from); use camel-ftp to poll a folder");
    }

    @Override
    public FtpLibComponent getComponent() {
        return (FtpLibComponent) super.getComponent();
    }

    public FtpSettings settings() {
        return new FtpSettings(protocol, host, port, username, password, passive, binary, timeout, blockSize, security,
                tls, knownHosts, hostKeyFingerprint);
    }

    public FtpOperation getOperation() {
        return operation;
    }

    public String getProtocol() {
        return protocol;
    }

    /** ftp (FTP, or FTPS with security) or sftp (SSH), as ftp.protocol. */
    public void setProtocol(String protocol) {
        this.protocol = protocol;
    }

    public String getKnownHosts() {
        return knownHosts;
    }

    /** SFTP: OpenSSH known_hosts file the server's key must be in (sftp.known-hosts). */
    public void setKnownHosts(String knownHosts) {
        this.knownHosts = knownHosts;
    }

    public String getHostKeyFingerprint() {
        return hostKeyFingerprint;
    }

    /** SFTP: the server key's SHA256 fingerprint(s), comma-separated; when set, used instead of knownHosts. */
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

    public boolean isBinary() {
        return binary;
    }

    public void setBinary(boolean binary) {
        this.binary = binary;
    }

    public int getTimeout() {
        return timeout;
    }

    /** Connect, read and data timeout in milliseconds. */
    public void setTimeout(int timeout) {
        this.timeout = timeout;
    }

    public int getBlockSize() {
        return blockSize;
    }

    /** Transfer block size in bytes (ftplib's blocksize). */
    public void setBlockSize(int blockSize) {
        this.blockSize = blockSize;
    }

    public String getPath() {
        return path;
    }

    /** The remote path the operation works on; the FerryFtpPath header overrides it. */
    public void setPath(String path) {
        this.path = path;
    }

    public String getTo() {
        return to;
    }

    /** New name for rename; the FerryFtpRenameTo header overrides it. */
    public void setTo(String to) {
        this.to = to;
    }

    public String getLocalDir() {
        return localDir;
    }

    /** retrbinary: local folder the file is written to under its remote name; without it the body is a stream. */
    public void setLocalDir(String localDir) {
        this.localDir = localDir;
    }

    public long getRest() {
        return rest;
    }

    /** retrbinary: byte offset to restart from (ftplib's rest). */
    public void setRest(long rest) {
        this.rest = rest;
    }

    public boolean isAtomic() {
        return atomic;
    }

    /** storbinary/storlines: upload under a hidden temporary name and rename when complete. */
    public void setAtomic(boolean atomic) {
        this.atomic = atomic;
    }

    public String getIfExists() {
        return ifExists;
    }

    /** storbinary/storlines: {@code replace} a file of the same name (ftplib's way) or {@code fail} (temporary error). */
    public void setIfExists(String ifExists) {
        if (!"replace".equals(ifExists) && !"fail".equals(ifExists)) {
            throw new IllegalArgumentException("ftplib option ifExists = '" + ifExists + "' is not allowed; use replace or fail");
        }
        this.ifExists = ifExists;
    }

    public String getSecurity() {
        return security;
    }

    /** none, explicit (AUTH TLS) or implicit FTPS; data is always protected (PROT P) with FTPS. */
    public void setSecurity(String security) {
        this.security = security;
    }

    TlsSettings getTls() {
        return tls;
    }

    /** Trust comes from the component (tls.* settings), not from step options. */
    void setTls(TlsSettings tls) {
        this.tls = tls;
    }

    /** A flow's step trusts what its named server says (server.NAME.trust-store), not only the component's. */
    public void trust(TlsSettings tls) {
        this.tls = tls;
    }
}
