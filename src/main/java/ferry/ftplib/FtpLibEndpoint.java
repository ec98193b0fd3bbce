package ferry.ftplib;

import ferry.tls.TlsSettings;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * One of Python ftplib's operations as a route step (ftplib:cwd, ftplib:retrbinary, ...) on an FTP, FTPS or SFTP
 * server; connection options mirror camel-ftp's, passive and binary are on by default.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "ftplib", title = "ftplib", syntax = "ftplib:operation",
        producerOnly = true, category = {Category.FILE})
public class FtpLibEndpoint extends DefaultEndpoint {

    /** The ftplib operation this step performs. */
    @UriPath(enums = "login,pwd,cwd,dir,nlst,retrlines,retrbinary,storlines,storbinary,rename,delete,mkd,rmd,size,mdtm,quit")
    @Metadata(required = true)
    private final FtpOperation operation;
    @UriParam
    private FtpLibConfiguration configuration;
    /** Binary transfers (TYPE I); false: ASCII. */
    @UriParam(defaultValue = "true")
    private boolean binary = true;
    /** The remote path the operation works on; the FerryFtpPath header overrides it. */
    @UriParam
    private String path;
    /** rename: the new name; the FerryFtpRenameTo header overrides it. */
    @UriParam
    private String to;
    /** retrbinary: local folder the file is written to under its remote name; without it the body is a stream. */
    @UriParam
    private String localDir;
    /**
     * retrbinary into localDir: a file whose listed size (the CamelFileLength header) is at most this many bytes is
     * kept in memory (the body its bytes) instead of being written to localDir; should more than this arrive, the
     * rest goes on into localDir after all. 0: never kept in memory. Not with rest.
     */
    @UriParam(defaultValue = "0")
    private int inMemoryUpTo;
    /** retrbinary: byte offset to restart from (ftplib's rest). */
    @UriParam(defaultValue = "0")
    private long rest;
    /** retrbinary into localDir: seconds between progress lines of a long download (ferry.progress-interval). */
    @UriParam(defaultValue = "5")
    private long progressInterval = 5;
    /** storbinary/storlines: upload under a hidden temporary name and rename when complete. */
    @UriParam(defaultValue = "true")
    private boolean atomic = true;
    /** storbinary/storlines: replace a file of the same name (ftplib's way) or fail (temporary error). */
    @UriParam(enums = "replace,fail", defaultValue = "replace")
    private String ifExists = "replace";
    /** Trust comes from the component (tls.* settings), not from step options. */
    private TlsSettings tls = TlsSettings.DEFAULTS;

    public FtpLibEndpoint(String uri, FtpLibComponent component, FtpOperation operation,
                          FtpLibConfiguration configuration) {
        super(uri, component);
        this.operation = operation;
        this.configuration = configuration;
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
        FtpLibConfiguration c = configuration;
        return new FtpSettings(c.getProtocol(), c.getHost(), c.getPort(), c.getUsername(), c.getPassword(),
                c.isPassive(), binary, c.getTimeout(), c.getBlockSize(), c.getSecurity(), tls, c.getKnownHosts(),
                c.getHostKeyFingerprint());
    }

    public FtpOperation getOperation() {
        return operation;
    }

    public FtpLibConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(FtpLibConfiguration configuration) {
        this.configuration = configuration;
    }

    public boolean isBinary() {
        return binary;
    }

    public void setBinary(boolean binary) {
        this.binary = binary;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public String getLocalDir() {
        return localDir;
    }

    public void setLocalDir(String localDir) {
        this.localDir = localDir;
    }

    public int getInMemoryUpTo() {
        return inMemoryUpTo;
    }

    public void setInMemoryUpTo(int inMemoryUpTo) {
        if (inMemoryUpTo < 0) {
            throw new IllegalArgumentException("ftplib option inMemoryUpTo = " + inMemoryUpTo
                    + " is not allowed; use a number of bytes, 0 or more");
        }
        this.inMemoryUpTo = inMemoryUpTo;
    }

    public long getRest() {
        return rest;
    }

    public void setRest(long rest) {
        this.rest = rest;
    }

    public long getProgressInterval() {
        return progressInterval;
    }

    public void setProgressInterval(long progressInterval) {
        this.progressInterval = progressInterval;
    }

    public boolean isAtomic() {
        return atomic;
    }

    public void setAtomic(boolean atomic) {
        this.atomic = atomic;
    }

    public String getIfExists() {
        return ifExists;
    }

    public void setIfExists(String ifExists) {
        if (!"replace".equals(ifExists) && !"fail".equals(ifExists)) {
            throw new IllegalArgumentException("ftplib option ifExists = '" + ifExists + "' is not allowed; use replace or fail");
        }
        this.ifExists = ifExists;
    }

    TlsSettings getTls() {
        return tls;
    }

    void setTls(TlsSettings tls) {
        this.tls = tls;
    }

    /** A flow's step trusts what its named server says (server.NAME.trust-store), not only the component's. */
    public void trust(TlsSettings tls) {
        this.tls = tls;
    }
}
