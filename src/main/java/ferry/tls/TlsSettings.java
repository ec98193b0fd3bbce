package ferry.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Whom Ferry's TLS clients trust: the JDK's CAs, or the certificates in {@code tls.trust-store}; with
 * {@code tls.insecure} nobody is checked. {@code tls.protocols} limits the versions (blank: the JDK's).
 */
public record TlsSettings(String trustStore, String trustStorePassword, boolean insecure, String protocols) {

    public static final TlsSettings DEFAULTS = new TlsSettings("", "", false, "");

    /** The enabled TLS versions, or null for the JDK's defaults. */
    public String[] protocolList() {
        if (protocols == null || protocols.isBlank()) {
            return null;
        }
        return Arrays.stream(protocols.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toArray(String[]::new);
    }

    /** A fresh SSLContext trusting what the settings say; fails naming the trust store, never its password. */
    public SSLContext context() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot use the trust store " + trustStore + " (tls.trust-store): "
                    + e.getMessage(), e);
        }
    }

    /**
     * Sockets from {@link #context()} that also check the server's host name, unless {@code tls.insecure}: for
     * clients (Jakarta Mail) that take a socket factory rather than doing the check themselves.
     */
    public SSLSocketFactory socketFactory() {
        SSLSocketFactory sockets = context().getSocketFactory();
        return insecure ? sockets : new HostCheckingSocketFactory(sockets);
    }

    private TrustManager[] trustManagers() throws GeneralSecurityException, IOException {
        if (insecure) {
            return new TrustManager[] {new TrustEveryone()};
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (trustStore == null || trustStore.isBlank()) {
            // null: the JDK's own cacerts (or -Djavax.net.ssl.trustStore)
            factory.init((KeyStore) null);
        } else {
            char[] password = trustStorePassword == null || trustStorePassword.isEmpty() ? null : trustStorePassword.toCharArray();
            KeyStore store;
            try (InputStream in = Files.newInputStream(Path.of(trustStore))) {
                // PKCS12 and JKS stores are both read by the default (PKCS12) type's keystore.type.compat
                store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(in, password);
            }
            factory.init(store);
        }
        return factory.getTrustManagers();
    }

    /** tls.insecure=true: accepts any certificate. Startup logs a warning whenever this is in use. */
    private static final class TrustEveryone implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // client certificates are not used by Ferry
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // deliberately no check: the operator turned verification off with tls.insecure=true
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** Without the trust store's password. */
    @Override
    public String toString() {
        return "TlsSettings[trustStore=" + trustStore + ", insecure=" + insecure + ", protocols=" + protocols + "]";
    }
}
