package ferry.tls;

import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPSClient;

/** Makes the commons-net client for {@code ftp.security}: plain FTP, or FTPS (explicit or implicit) that verifies the server. */
public final class FtpClients {

    private FtpClients() {
    }

    public static FTPClient create(String security, TlsSettings tls) {
        return switch (security == null ? "none" : security) {
            case "none" -> new FTPClient();
            case "explicit" -> ftps(false, tls);
            case "implicit" -> ftps(true, tls);
            default -> throw new IllegalArgumentException("ftp.security = '" + security
                    + "' is not allowed; use one of none, explicit, implicit");
        };
    }

    private static FTPSClient ftps(boolean implicit, TlsSettings tls) {
        FTPSClient client = new SessionReusingFtpsClient(implicit, tls.context());
        // the certificate must name the host we dialled (DNS name or IP SAN), as browsers check
        client.setEndpointCheckingEnabled(!tls.insecure());
        String[] protocols = tls.protocolList();
        if (protocols != null) {
            client.setEnabledProtocols(protocols);
        }
        return client;
    }
}
