package ferry.routes;

import java.util.LinkedHashMap;
import java.util.Map;

import ferry.ssh.CheckedSftpComponent;
import ferry.ssh.CheckedSftpEndpoint;
import ferry.ssh.HostKeyCheck;
import ferry.tls.FtpClients;
import ferry.tls.TlsSettings;
import org.apache.camel.Endpoint;
import org.apache.camel.RouteTemplateContext;
import org.apache.camel.component.file.remote.FtpsEndpoint;
import org.apache.camel.util.URISupport;

/**
 * The camel-ftp endpoint of a workflow's remote folder for the configured transport: {@code ftp:}, {@code ftps:}
 * (explicit or implicit, PROT P, with Ferry's session-reusing client, certificate and host name verified) or
 * {@code sftp:} (host key checked against {@code sftp.host-key-fingerprint} or {@code sftp.known-hosts}). The
 * transport is a setting, so the scheme
 * and its options are chosen when the template is instantiated, not written in the route.
 */
final class RemoteFolder {

    /** The template bean holding the endpoint: routes use {@code ref:{{remote}}}. */
    static final String BEAN = "remote";

    private RemoteFolder() {
    }

    /** Declares the transport parameters every workflow with a remote folder takes. */
    static void parameters(org.apache.camel.model.RouteTemplateDefinition template) {
        template.templateParameter("ftpHost").templateParameter("ftpPort")
                .templateParameter("ftpUsername").templateParameter("ftpPassword")
                .templateParameter("ftpPassive", "true")
                .templateParameter("ftpTimeout", "10000")
                .templateParameter("ftpProtocol", "ftp", "ftp or sftp")
                .templateParameter("ftpSecurity", "none", "none, explicit or implicit (FTPS)")
                .templateParameter("knownHosts", "", "SFTP: known_hosts file the server's key must be in")
                .templateParameter("hostKeyFingerprint", "", "SFTP: pinned SHA256 fingerprint(s) of the server's key")
                .templateParameter("trustStore", "").templateParameter("trustStorePassword", "")
                .templateParameter("tlsInsecure", "false").templateParameter("tlsProtocols", "")
                .templateParameter("progressInterval", "5", "seconds between progress lines of a long FTP transfer")
                .templateParameter("remoteDir", null, "remote folder");
    }

    /** The endpoint for this template instance; {@code options} are the workflow's own. */
    static Endpoint endpoint(RouteTemplateContext rtc, Map<String, Object> options) {
        String protocol = value(rtc, "ftpProtocol");
        String security = value(rtc, "ftpSecurity");
        String scheme = "sftp".equals(protocol) ? "sftp" : "none".equals(security) ? "ftp" : "ftps";
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("username", value(rtc, "ftpUsername"));
        query.put("password", "RAW(" + value(rtc, "ftpPassword") + ")");
        query.put("binary", "true");
        query.put("connectTimeout", value(rtc, "ftpTimeout"));
        query.put("timeout", value(rtc, "ftpTimeout"));
        query.put("soTimeout", value(rtc, "ftpTimeout"));
        HostKeyCheck hostKeys = null;
        if ("sftp".equals(scheme)) {
            hostKeys = HostKeyCheck.of(value(rtc, "knownHosts"), value(rtc, "hostKeyFingerprint"));
            if (value(rtc, "hostKeyFingerprint").isBlank()) {
                // also camel's own check, should the endpoint ever be camel's stock one
                query.put("knownHostsFile", value(rtc, "knownHosts"));
            }
            query.put("strictHostKeyChecking", "yes");
            // only the configured file counts, not whatever ~/.ssh/known_hosts holds
            query.put("useUserKnownHostsFile", "false");
        } else {
            query.put("passiveMode", value(rtc, "ftpPassive"));
            query.put("bufferSize", String.valueOf(256 * 1024));
            // commons-net speaks ISO-8859-1 by default: non-ASCII names would arrive mangled
            query.put("ftpClient.controlEncoding", "UTF-8");
            // camel-ftp logs bytes done and the rate of a transfer still in flight (FTP and FTPS only)
            query.put("transferLoggingLevel", "INFO");
            query.put("transferLoggingIntervalSeconds", value(rtc, "progressInterval"));
        }
        if ("ftps".equals(scheme)) {
            query.put("implicit", String.valueOf("implicit".equals(security)));
            query.put("securityProtocol", "TLS");
            query.put("execPbsz", "0");
            query.put("execProt", "P");
        }
        query.putAll(options);
        Endpoint endpoint = rtc.getCamelContext().getEndpoint(scheme + "://" + value(rtc, "ftpHost") + ":"
                + value(rtc, "ftpPort") + value(rtc, "remoteDir") + "?" + URISupport.createQueryString(query));
        if (hostKeys != null) {
            if (!(endpoint instanceof CheckedSftpEndpoint checked)) {
                throw new IllegalStateException("sftp: is not Ferry's " + CheckedSftpComponent.class.getSimpleName()
                        + " (bound as '" + CheckedSftpComponent.NAME + "' by FerryMain): the host key could not be checked");
            }
            // camel-ftp builds its JSch object per connect with no hook for a pinned key: the endpoint carries Ferry's check
            checked.setHostKeyCheck(hostKeys);
        }
        if (endpoint instanceof FtpsEndpoint ftps) {
            TlsSettings tls = new TlsSettings(value(rtc, "trustStore"), value(rtc, "trustStorePassword"),
                    Boolean.parseBoolean(value(rtc, "tlsInsecure")), value(rtc, "tlsProtocols"));
            // camel-ftps would build a plain commons-net FTPSClient, whose data connections vsftpd refuses
            ftps.setFtpClient(FtpClients.create(security, tls));
        }
        return endpoint;
    }

    static String value(RouteTemplateContext rtc, String parameter) {
        String value = rtc.getProperty(parameter, String.class);
        return value == null ? "" : rtc.getCamelContext().resolvePropertyPlaceholders(value);
    }
}
