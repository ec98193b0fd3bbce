package ferry.routes;

import java.util.LinkedHashMap;
import java.util.Map;

import ferry.ftplib.FtpLibEndpoint;
import ferry.ftplib.FtpSettings;
import ferry.ftplib.RemoteFolderEndpoint;
import ferry.servers.Servers;
import ferry.ssh.CheckedSftpComponent;
import ferry.ssh.CheckedSftpEndpoint;
import ferry.ssh.HostKeyCheck;
import ferry.tls.FtpClients;
import ferry.tls.FtpsPerConnectionComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.RouteTemplateContext;
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
                .templateParameter("parallel", "{{ferry.publish.parallel}}", "files worked on at the same time, each on its own connection")
                .templateBean(BEAN, Endpoint.class, rtc -> watcher(rtc, server(rtc, "server")))
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
     * The watched remote folder of a flow (FTP, FTPS or SFTP on the named {@code server}) on Ferry's kept ftplib
     * sessions: every {@code pollDelay} ms one listing, of which the names {@code include}/{@code exclude} allow are
     * considered; a batch of at most {@code maxFilesPerPoll} files claimed in the ledger under their
     * {@link #ledgerKey} in one transaction; {@code parallel} files through the route at a time, each then moved to
     * {@code done} (or {@code failed}). Nothing is downloaded by the consumer: the route fetches with the same kept
     * sessions (see {@link #retriever}). Dot files (.name.part, .done/, .failed/) are never taken.
     */
    static Endpoint watcher(RouteTemplateContext rtc, FtpSettings server) {
        // the same session settings as the route's retrieve step, so both share the component's kept sessions
        FtpLibEndpoint steps = (FtpLibEndpoint) ftplib(rtc.getCamelContext(), server, "retrbinary", Map.of());
        String protocol = server.sftp() ? "sftp" : "ftp";
        String scheme = server.sftp() ? "sftp" : "none".equals(server.security()) ? "ftp" : "ftps";
        String host = server.host();
        String port = String.valueOf(server.port());
        String remoteDir = value(rtc, "remoteDir");
        RemoteFolderEndpoint endpoint = new RemoteFolderEndpoint(scheme + "://" + host + ":" + port + remoteDir,
                steps.getComponent(), steps.settings(), remoteDir,
                new LedgerClaims(rtc.getCamelContext(), value(rtc, ferry.servers.FlowServers.FLOW), protocol, host, port));
        // the flow's include/exclude apply to the listing, before anything is claimed
        endpoint.setNames(NameFilter.of(rtc)::accepts);
        endpoint.setDone(value(rtc, "done"));
        endpoint.setFailed(value(rtc, "failed"));
        long delay = Long.parseLong(value(rtc, "pollDelay"));
        endpoint.setDelay(delay);
        // first poll after one delay, not Camel's default second: a reloaded route resumes quickly
        endpoint.setInitialDelay(delay);
        // poll again at once while there is work
        endpoint.setGreedy(true);
        endpoint.setMaxFilesPerPoll(Integer.parseInt(value(rtc, "maxFilesPerPoll")));
        endpoint.setWorkers(Integer.parseInt(value(rtc, "parallel")));
        // a refused login or a missing folder reaches the poll strategy: health DOWN naming flow, server and
        // reply; backoff; one log line (see PollFaultStrategy)
        Object faults = rtc.getCamelContext().getRegistry().lookupByName(PollFaultStrategy.BEAN);
        if (faults instanceof org.apache.camel.spi.PollingConsumerPollStrategy strategy) {
            endpoint.setPollStrategy(strategy);
        }
        if (faults instanceof org.apache.camel.spi.ExceptionHandler handler) {
            endpoint.setExceptionHandler(handler);
        }
        return endpoint;
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
