package ferry.routes;

import java.util.LinkedHashMap;
import java.util.Map;

import ferry.ssh.CheckedSftpComponent;
import ferry.ssh.CheckedSftpEndpoint;
import ferry.ssh.HostKeyCheck;
import ferry.tls.FtpClients;
import ferry.tls.FtpsPerConnectionComponent;
import ferry.tls.TlsSettings;
import org.apache.camel.Endpoint;
import org.apache.camel.RouteTemplateContext;
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
                .templateParameter("remoteDir", null, "remote folder")
                .templateParameter("pollDelay", "500", "ms between polls of the watched folder")
                .templateParameter("maxFilesPerPoll", "10", "files claimed per poll (several instances share the work)");
    }

    /**
     * The ledger key of a file the {@code workflow} takes from the remote folder. The consumer's claim (with the
     * instance's values) and the route's records (with the same values as placeholders) must build the same one.
     */
    static String ledgerKey(String workflow, String protocol, String host, String port) {
        return workflow + "|" + protocol + "://" + host + ":" + port
                + "${file:absolute.path}|${file:size}|${header.CamelFileLastModified}";
    }

    /** {@link #ledgerKey} as the template's routes write it, resolved per instance from its parameters. */
    static String ledgerKey(String workflow) {
        return ledgerKey(workflow, "{{ftpProtocol}}", "{{ftpHost}}", "{{ftpPort}}");
    }

    /** The endpoint for this template instance; {@code options} are the workflow's own. */
    static Endpoint endpoint(RouteTemplateContext rtc, Map<String, Object> options) {
        String protocol = value(rtc, "ftpProtocol");
        String security = value(rtc, "ftpSecurity");
        String scheme = "sftp".equals(protocol) ? "sftp" : "none".equals(security) ? "ftp" : "ftps";
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("username", raw(value(rtc, "ftpUsername")));
        query.put("password", raw(value(rtc, "ftpPassword")));
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
        if (endpoint instanceof FtpsPerConnectionComponent.Endpoint ftps) {
            TlsSettings tls = new TlsSettings(value(rtc, "trustStore"), value(rtc, "trustStorePassword"),
                    Boolean.parseBoolean(value(rtc, "tlsInsecure")), value(rtc, "tlsProtocols"));
            // camel-ftps would build a plain commons-net FTPSClient, whose data connections vsftpd refuses
            ftps.setClients(() -> FtpClients.create(security, tls));
        }
        return endpoint;
    }

    /**
     * The consumer of a {@code workflow} that takes files from the remote folder: polls every {@code pollDelay} ms,
     * claims each file in the ledger under its {@link #ledgerKey}, and moves it to {@code .done/} (or
     * {@code .failed/}) when the route is through with it. Over FTP and FTPS nothing is downloaded by the consumer
     * (the route fetches with a kept ftplib session, see {@link #retrieveInto}); over SFTP camel-ftp streams the
     * file into {@code <data>/inbox/.work}. Dot files (.name.part, .done/, .failed/) are never taken.
     */
    static Endpoint watcher(RouteTemplateContext rtc, String workflow) {
        String ledgerKey = ledgerKey(workflow, value(rtc, "ftpProtocol"), value(rtc, "ftpHost"), value(rtc, "ftpPort"));
        String workDir = value(rtc, "data") + "/inbox/.work";
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("delay", value(rtc, "pollDelay"));
        // first poll after one delay, not Camel's default second: a reloaded route resumes quickly
        options.put("initialDelay", value(rtc, "pollDelay"));
        // claim a few files per poll, not the whole folder, so other instances get a share;
        // greedy: poll again at once while there is work
        options.put("maxMessagesPerPoll", value(rtc, "maxFilesPerPoll"));
        options.put("greedy", "true");
        options.put("move", ".done/${file:name}");
        options.put("moveFailed", ".failed/${file:name}");
        // the ledger claims each file before it is taken (see LedgerRepository)
        options.put("idempotent", "true");
        options.put("idempotentKey", ledgerKey);
        options.put("idempotentRepository", "#" + ferry.ledger.LedgerService.REPOSITORY);
        // a refused login or a missing folder must reach the poll strategy (camel-ftp would only skip the poll),
        // which any ScheduledPollConsumer takes: health DOWN naming workflow, server and reply; backoff; one log line
        options.put("throwExceptionOnConnectFailed", "true");
        options.put("pollStrategy", "#" + PollFaultStrategy.BEAN);
        options.put("exceptionHandler", "#" + PollFaultStrategy.BEAN);
        // no reconnect loop inside a poll (3 tries, 1 s apart, by default): the strategy's backoff is the retry
        options.put("maximumReconnectAttempts", "0");
        if ("sftp".equals(value(rtc, "ftpProtocol"))) {
            options.put("localWorkDirectory", workDir);
        } else {
            options.put("download", "false");
        }
        return endpoint(rtc, options);
    }

    /** The ftplib download of the exchange's remote file ({@code FerryFtpPath}) into {@code localDir}. */
    static String retrieveInto(String localDir) {
        // RAW(): '&', '+' or '%' in a user name, password or folder must not be read as URI syntax
        return "ftplib:retrbinary?localDir=RAW(" + localDir + ")&host={{ftpHost}}&port={{ftpPort}}"
                + "&username=RAW({{ftpUsername}})&password=RAW({{ftpPassword}})&passive={{ftpPassive}}"
                + "&timeout={{ftpTimeout}}&security={{ftpSecurity}}&progressInterval={{progressInterval}}";
    }

    /**
     * Where publish sends a file: over FTP and FTPS the ftplib storbinary step (kept sessions, a SIZE check
     * for a same-named file, STOR under a hidden name, rename), over SFTP camel-ftp's sftp producer.
     * camel-ftp's FTP producer lists the whole remote folder twice per upload to check names, which makes
     * thousands of files in one folder cost quadratic time.
     */
    static Endpoint uploader(RouteTemplateContext rtc) {
        if ("sftp".equals(value(rtc, "ftpProtocol"))) {
            return endpoint(rtc, Map.of(
                    // hidden while incomplete; named by the file's ledger key (the same for every attempt, also after a
                    // kill -9, so the next attempt overwrites what a dead one left) and short, so long names still fit
                    "tempFileName", ".ferry-${exchangeProperty." + ferry.ftplib.FtpLibProducer.ATTEMPT_TOKEN + "}.part",
                    // a same-named file not yet taken from the folder is never overwritten: wait for it
                    "fileExist", "Fail"));
        }
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("host", value(rtc, "ftpHost"));
        query.put("port", value(rtc, "ftpPort"));
        query.put("username", raw(value(rtc, "ftpUsername")));
        query.put("password", raw(value(rtc, "ftpPassword")));
        query.put("passive", value(rtc, "ftpPassive"));
        query.put("timeout", value(rtc, "ftpTimeout"));
        query.put("security", value(rtc, "ftpSecurity"));
        query.put("atomic", "true");
        // a same-named file not yet taken from the folder is never overwritten: wait for it
        query.put("ifExists", "fail");
        return rtc.getCamelContext().getEndpoint("ftplib:storbinary?" + URISupport.createQueryString(query));
    }

    /**
     * camel-ftp reads the configured folder ({@code /incoming}) relative to the login folder, whatever the server's
     * root is; the ftplib upload's path is made relative the same way, so both land in the same place.
     */
    static void relativeToLogin(org.apache.camel.Exchange exchange) {
        String path = exchange.getMessage().getHeader(ferry.ftplib.FtpLibProducer.PATH, String.class);
        exchange.getMessage().setHeader(ferry.ftplib.FtpLibProducer.PATH, path.replaceFirst("^/+", ""));
    }

    /**
     * A value for an endpoint URI taken exactly as written: RAW() keeps '&' and '+', and since Camel still reads
     * "%25" inside RAW() as '%', every '%' is written as "%25".
     */
    static String raw(String value) {
        return "RAW(" + value.replace("%", "%25") + ")";
    }

    static String value(RouteTemplateContext rtc, String parameter) {
        String value = rtc.getProperty(parameter, String.class);
        return value == null ? "" : rtc.getCamelContext().resolvePropertyPlaceholders(value);
    }
}
