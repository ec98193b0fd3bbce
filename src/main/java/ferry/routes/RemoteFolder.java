package ferry.routes;

import java.util.LinkedHashMap;
import java.util.Map;

import ferry.ftplib.FtpLibEndpoint;
import ferry.ftplib.FtpSettings;
import ferry.servers.Servers;
import ferry.ssh.CheckedSftpComponent;
import ferry.ssh.CheckedSftpEndpoint;
import ferry.ssh.HostKeyCheck;
import ferry.tls.FtpClients;
import ferry.tls.FtpsPerConnectionComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.RouteTemplateContext;
import org.apache.camel.component.file.GenericFileFilter;
import org.apache.camel.util.URISupport;

/**
 * The endpoints of a flow's folder on a named server, built from the resolved server ({@link FtpSettings}):
 * camel-ftp's {@code ftp:}, {@code ftps:} (explicit or implicit, PROT P, with Ferry's session-reusing client,
 * certificate and host name verified) or {@code sftp:} (host key checked against the server's pinned fingerprint
 * or known_hosts file), and the ftplib steps. The transport is the server's, so the scheme and its options are
 * chosen when the flow starts, not written in the route. Flow templates reach a server only through the factories
 * here ({@link #watcher}, {@link #uploader}, {@link #retriever}), so what is behind them can change alone.
 */
final class RemoteFolder {

    /** The template bean holding the endpoint: routes use {@code ref:{{remote}}}. */
    static final String BEAN = "remote";
    /** The template bean of the ftplib download step: {@code ref:{{retrieve}}}. */
    static final String RETRIEVE = "retrieve";

    private RemoteFolder() {
    }

    /** Declares the parameters of a flow whose source or target is a folder on a named server. */
    static void parameters(org.apache.camel.model.RouteTemplateDefinition template) {
        template.templateParameter("server", Servers.DEFAULT, "named server (server.NAME.*; default: the ftp.* keys)")
                .templateParameter("remoteDir", "{{ftp.incoming}}", "folder on the server")
                .templateParameter("progressInterval", "{{ferry.progress-interval}}",
                        "seconds between progress lines of a long FTP transfer");
    }

    /**
     * Declares the parameters of a flow that takes its files from a folder on a named server ({@code server}), and
     * binds its consumer ({@code from("ref:{{remote}}")}) and its ftplib download into {@code retrieveInto} (a
     * function of the flow's parameters) as {@code ref:{{retrieve}}}.
     */
    static void source(org.apache.camel.model.RouteTemplateDefinition template,
                       java.util.function.Function<RouteTemplateContext, String> retrieveInto) {
        parameters(template);
        Polling.parameters(template, "{{ferry.poll-delay}}");
        template.templateParameter("done", ".done", "where a delivered file goes, relative to remoteDir")
                .templateParameter("failed", ".failed", "where a file that cannot be delivered goes, relative to remoteDir")
                .templateParameter("workDir", "{{ferry.data}}/inbox/.work", "local folder for files in transit (a sub-folder per flow)")
                .templateBean(BEAN, Endpoint.class, rtc -> watcher(rtc, server(rtc, "server"), workDir(rtc)))
                .templateBean(RETRIEVE, Endpoint.class, rtc -> retriever(rtc, server(rtc, "server"), retrieveInto.apply(rtc)));
    }

    /** The resolved server a flow's {@code parameter} ({@code server}, {@code targetServer}) names. */
    static FtpSettings server(RouteTemplateContext rtc, String parameter) {
        FtpSettings settings = ferry.servers.FlowServers.ftp(rtc, parameter);
        if (settings == null) {
            throw new IllegalStateException("no server bound to parameter " + parameter + " (FlowServers not installed)");
        }
        return settings;
    }

    /**
     * The ledger key of a file the {@code flow} takes from the remote folder. The consumer's claim (with the
     * instance's values) and the route's records (with the same values as placeholders) must build the same one.
     * The flow's name comes first: the same file in two flows is two deliveries.
     */
    static String ledgerKey(String flow, String protocol, String host, String port) {
        return flow + "|" + protocol + "://" + host + ":" + port
                + "${file:absolute.path}|${file:size}|${header.CamelFileLastModified}";
    }

    /** {@link #ledgerKey} as the template's routes write it, resolved per flow from its bound server. */
    static String ledgerKey() {
        return ledgerKey("{{flow}}", "{{serverProtocol}}", "{{serverHost}}", "{{serverPort}}");
    }

    /** The camel-ftp endpoint of {@code remoteDir} on {@code server}; {@code options} are the flow's own. */
    static Endpoint endpoint(CamelContext context, FtpSettings server, String remoteDir, Map<String, Object> options) {
        String security = server.security();
        String scheme = server.sftp() ? "sftp" : "none".equals(security) ? "ftp" : "ftps";
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("username", raw(server.username()));
        query.put("password", raw(server.password()));
        query.put("binary", "true");
        query.put("connectTimeout", server.timeoutMillis());
        query.put("timeout", server.timeoutMillis());
        query.put("soTimeout", server.timeoutMillis());
        HostKeyCheck hostKeys = null;
        if (server.sftp()) {
            hostKeys = HostKeyCheck.of(server.knownHosts(), server.hostKeyFingerprint());
            if (server.hostKeyFingerprint().isBlank()) {
                // also camel's own check, should the endpoint ever be camel's stock one
                query.put("knownHostsFile", server.knownHosts());
            }
            query.put("strictHostKeyChecking", "yes");
            // only the configured file counts, not whatever ~/.ssh/known_hosts holds
            query.put("useUserKnownHostsFile", "false");
        } else {
            query.put("passiveMode", String.valueOf(server.passive()));
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
        Endpoint endpoint = context.getEndpoint(scheme + "://" + server.host() + ":" + server.port() + remoteDir + "?"
                + URISupport.createQueryString(query));
        if (hostKeys != null) {
            if (!(endpoint instanceof CheckedSftpEndpoint checked)) {
                throw new IllegalStateException("sftp: is not Ferry's " + CheckedSftpComponent.class.getSimpleName()
                        + " (bound as '" + CheckedSftpComponent.NAME + "' by FerryMain): the host key could not be checked");
            }
            // camel-ftp builds its JSch object per connect with no hook for a pinned key: the endpoint carries Ferry's check
            checked.setHostKeyCheck(hostKeys);
        }
        if (endpoint instanceof FtpsPerConnectionComponent.Endpoint ftps) {
            // camel-ftps would build a plain commons-net FTPSClient, whose data connections vsftpd refuses
            ftps.setClients(() -> FtpClients.create(security, server.tls()));
        }
        return endpoint;
    }

    /**
     * The consumer of a flow that takes files from {@code remoteDir} on {@code server}: polls every {@code pollDelay}
     * ms, takes the names {@code include}/{@code exclude} allow, claims each file in the ledger under its
     * {@link #ledgerKey}, and moves it to {@code .done/} (or {@code .failed/}) when the route is through with it.
     * Over FTP and FTPS nothing is downloaded by the consumer (the route fetches with a kept ftplib session, see
     * {@link #retriever}); over SFTP camel-ftp streams the file into {@code workDir}. Dot files (.name.part, .done/,
     * .failed/) are never taken.
     */
    static Endpoint watcher(RouteTemplateContext rtc, FtpSettings server, String workDir) {
        String ledgerKey = ledgerKey(value(rtc, ferry.servers.FlowServers.FLOW), server.sftp() ? "sftp" : "ftp",
                server.host(), String.valueOf(server.port()));
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("delay", value(rtc, "pollDelay"));
        // first poll after one delay, not Camel's default second: a reloaded route resumes quickly
        options.put("initialDelay", value(rtc, "pollDelay"));
        // claim a few files per poll, not the whole folder, so other instances get a share;
        // greedy: poll again at once while there is work
        options.put("maxMessagesPerPoll", value(rtc, "maxFilesPerPoll"));
        options.put("greedy", "true");
        options.put("move", value(rtc, "done") + "/${file:name}");
        options.put("moveFailed", value(rtc, "failed") + "/${file:name}");
        // the ledger claims each file before it is taken (see LedgerRepository)
        options.put("idempotent", "true");
        options.put("idempotentKey", ledgerKey);
        options.put("idempotentRepository", "#" + ferry.ledger.LedgerService.REPOSITORY);
        // a refused login or a missing folder must reach the poll strategy (camel-ftp would only skip the poll),
        // which any ScheduledPollConsumer takes: health DOWN naming the flow, server and reply; backoff; one log line
        options.put("throwExceptionOnConnectFailed", "true");
        options.put("pollStrategy", "#" + PollFaultStrategy.BEAN);
        options.put("exceptionHandler", "#" + PollFaultStrategy.BEAN);
        // no reconnect loop inside a poll (3 tries, 1 s apart, by default): the strategy's backoff is the retry
        options.put("maximumReconnectAttempts", "0");
        if (server.sftp()) {
            options.put("localWorkDirectory", workDir);
        } else {
            options.put("download", "false");
        }
        Endpoint endpoint = endpoint(rtc.getCamelContext(), server, value(rtc, "remoteDir"), options);
        // the flow's name is in the ledger key, so no other flow shares this endpoint (and its filter)
        filter(endpoint, NameFilter.of(rtc));
        return endpoint;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void filter(Endpoint endpoint, NameFilter names) {
        // camel-ftp's remote files and the local work files are the same GenericFile to a name filter
        ((org.apache.camel.component.file.GenericFileEndpoint) endpoint).setFilter((GenericFileFilter) names);
    }

    /** The ftplib download of the exchange's remote file ({@code FerryFtpPath}) from {@code server} into {@code localDir}. */
    static Endpoint retriever(RouteTemplateContext rtc, FtpSettings server, String localDir) {
        return ftplib(rtc.getCamelContext(), server, "retrbinary",
                Map.of("localDir", raw(localDir), "progressInterval", value(rtc, "progressInterval")));
    }

    /**
     * Where a flow sends a file to {@code server}: over FTP and FTPS the ftplib storbinary step (kept sessions, a
     * SIZE check for a same-named file, STOR under a hidden name, rename), over SFTP camel-ftp's sftp producer into
     * {@code remoteDir}. camel-ftp's FTP producer lists the whole remote folder twice per upload to check names,
     * which makes thousands of files in one folder cost quadratic time.
     */
    static Endpoint uploader(RouteTemplateContext rtc, FtpSettings server, String remoteDir) {
        if (server.sftp()) {
            return endpoint(rtc.getCamelContext(), server, remoteDir, Map.of(
                    // hidden while incomplete; named by the file's ledger key (the same for every attempt, also after a
                    // kill -9, so the next attempt overwrites what a dead one left) and short, so long names still fit
                    "tempFileName", ".ferry-${exchangeProperty." + ferry.ftplib.FtpLibProducer.ATTEMPT_TOKEN + "}.part",
                    // a same-named file not yet taken from the folder is never overwritten: wait for it
                    "fileExist", "Fail"));
        }
        // a same-named file not yet taken from the folder is never overwritten: wait for it
        return ftplib(rtc.getCamelContext(), server, "storbinary", Map.of("atomic", "true", "ifExists", "fail"));
    }

    /** An ftplib step on {@code server}. */
    private static Endpoint ftplib(CamelContext context, FtpSettings server, String step, Map<String, Object> options) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("protocol", server.protocol());
        query.put("host", server.host());
        query.put("port", server.port());
        query.put("username", raw(server.username()));
        query.put("password", raw(server.password()));
        query.put("passive", server.passive());
        query.put("timeout", server.timeoutMillis());
        query.put("security", server.security());
        // RAW: a fingerprint's '+' would be read back as a space
        query.put("knownHosts", raw(server.knownHosts()));
        query.put("hostKeyFingerprint", raw(server.hostKeyFingerprint()));
        query.putAll(options);
        Endpoint endpoint = context.getEndpoint("ftplib:" + step + "?" + URISupport.createQueryString(query));
        ((FtpLibEndpoint) endpoint).trust(server.tls());
        return endpoint;
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
     * The flow's own folder for files in transit under {@code workDir}: two flows taking files of the same name
     * must never share (or delete) one work file.
     */
    static String workDir(RouteTemplateContext rtc) {
        return value(rtc, "workDir") + "/" + value(rtc, ferry.servers.FlowServers.FLOW);
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
