package ferry.tls;

import org.apache.camel.support.DefaultComponent;

/**
 * A component whose steps trust what {@code tls.*} says (trust store, protocols, insecure), configured once on the
 * component ({@code camel.component.<name>.trust-store = {{tls.trust-store}}}), never per step.
 */
public abstract class TrustingComponent extends DefaultComponent {

    private String trustStore = "";
    private String trustStorePassword = "";
    private boolean tlsInsecure;
    private String tlsProtocols = "";

    /** The trust the component's steps use. */
    protected TlsSettings tlsSettings() {
        return new TlsSettings(trustStore, trustStorePassword, tlsInsecure, tlsProtocols);
    }

    public String getTrustStore() {
        return trustStore;
    }

    /** Trust store (tls.trust-store); blank: the JDK's CAs. */
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

    /** tls.insecure: accept any certificate and host name (startup warns). */
    public void setTlsInsecure(boolean tlsInsecure) {
        this.tlsInsecure = tlsInsecure;
    }

    public String getTlsProtocols() {
        return tlsProtocols;
    }

    /** tls.protocols: comma-separated TLS versions, blank for the JDK's. */
    public void setTlsProtocols(String tlsProtocols) {
        this.tlsProtocols = tlsProtocols;
    }
}
