package ferry.tls;

import ferry.pool.PooledComponent;
import ferry.pool.Reusable;
import org.apache.camel.spi.Metadata;

/**
 * A step component that speaks TLS (ftplib's FTPS, nntplib's NNTPS and STARTTLS): whom it trusts comes from the
 * {@code tls.*} settings, once for all its endpoints, never from a step's options.
 *
 * @param <K> the connection settings
 * @param <C> the connection
 */
public abstract class TrustingComponent<K, C extends Reusable> extends PooledComponent<K, C> {

    @Metadata(label = "security", description = "Trust store (tls.trust-store); blank: the JDK's CAs.")
    private String trustStore = "";
    @Metadata(label = "security", secret = true, description = "The trust store's password (tls.trust-store-password).")
    private String trustStorePassword = "";
    @Metadata(label = "security", description = "Accept any certificate and host name (tls.insecure; startup warns).")
    private boolean tlsInsecure;
    @Metadata(label = "security", description = "Comma-separated TLS versions (tls.protocols); blank: the JDK's.")
    private String tlsProtocols = "";

    protected TrustingComponent(int maxIdle, long idleTimeoutMillis, long checkAfterMillis) {
        super(maxIdle, idleTimeoutMillis, checkAfterMillis);
    }

    /** The trust settings every endpoint of this component uses. */
    protected TlsSettings tls() {
        return new TlsSettings(trustStore, trustStorePassword, tlsInsecure, tlsProtocols);
    }

    public String getTrustStore() {
        return trustStore;
    }

    public void setTrustStore(String trustStore) {
        this.trustStore = trustStore;
    }

    public String getTrustStorePassword() {
        return trustStorePassword;
    }

    public void setTrustStorePassword(String trustStorePassword) {
        this.trustStorePassword = trustStorePassword;
    }

    public boolean isTlsInsecure() {
        return tlsInsecure;
    }

    public void setTlsInsecure(boolean tlsInsecure) {
        this.tlsInsecure = tlsInsecure;
    }

    public String getTlsProtocols() {
        return tlsProtocols;
    }

    public void setTlsProtocols(String tlsProtocols) {
        this.tlsProtocols = tlsProtocols;
    }
}
