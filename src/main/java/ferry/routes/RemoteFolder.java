package ferry.routes;

import java.util.LinkedHashMap;
import java.util.Map;

import ferry.ftplib.FtpLibEndpoint;
import ferry.ftplib.FtpSettings;
import ferry.ftplib.RemoteFolderEndpoint;
import ferry.servers.Servers;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.RouteTemplateContext;
import org.apache.camel.util.URISupport;

/**
 * The endpoints of a flow's folder on a named server, built from the resolved server ({@link FtpSettings}): the
 * watched folder ({@link RemoteFolderEndpoint}) and the ftplib steps, all on the ftplib component's kept sessions
 * over FTP, FTPS (explicit or implicit, certificate and host name verified) or SFTP (host key checked against the
 * pinned fingerprint or known_hosts file). A folder means what it means to the server: {@code /srv/in} is absolute,
 * {@code in} is under the login folder. The transport is the server's, chosen when the flow starts, not written
 * in the route. Flow templates reach a server only through the factories here ({@link #watcher},
 * {@link #uploader}, {@link #retriever}), so what is behind them can change alone.
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
        source(template, retrieveInto, 0);
    }

    /**
     * {@link #source}, its download keeping a file listed at most {@code inMemoryUpTo} bytes in memory (the body
     * its bytes) instead of writing it into {@code retrieveInto}.
     */
    static void source(org.apache.camel.model.RouteTemplateDefinition template,
                       java.util.function.Function<RouteTemplateContext, String> retrieveInto, int inMemoryUpTo) {
        parameters(template);
        Polling.parameters(template, "{{ferry.poll-delay}}");
        template.templateParameter("done", ".done", "where a delivered file goes, relative to remoteDir")
                .templateParameter("failed", ".failed", "where a file that cannot be delivered goes, relative to remoteDir")
                .templateParameter("workDir", "{{ferry.data}}/inbox/.work", "local folder for files in transit (a sub-folder per flow)")
                .templateParameter("parallel", "{{ferry.publish.parallel}}", "files worked on at the same time, each on its own connection")
                .templateBean(BEAN, Endpoint.class, rtc -> watcher(rtc, server(rtc, "server")))
                .templateBean(RETRIEVE, Endpoint.class,
                        rtc -> retriever(rtc, server(rtc, "server"), retrieveInto.apply(rtc), inMemoryUpTo));
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

    /**
     * Where the watched folder's consumer moves a delivered file, as a URL ({@code ftp://host:port/incoming/.done/name}).
     * In Java rather than the simple language's {@code ${exchange.fromEndpoint...}}, whose bean lookups cost about 3 %
     * of ftp-to-mail's CPU when evaluated for every file.
     */
    static org.apache.camel.Expression doneLocation() {
        return new org.apache.camel.support.ExpressionAdapter() {
            @Override
            public Object evaluate(org.apache.camel.Exchange exchange) {
                Endpoint from = Journaling.consumedFrom(exchange);
                String name = exchange.getMessage().getHeader(org.apache.camel.Exchange.FILE_NAME, String.class);
                String done = from instanceof ferry.ftplib.RemoteFolderEndpoint folder ? folder.getDone() : "";
                return from.getEndpointBaseUri() + "/" + done + "/" + name;
            }
        };
    }

    /** {@link #ledgerKey} as the template's routes write it, resolved per flow from its bound server. */
    static String ledgerKey() {
        return ledgerKey("{{flow}}", "{{serverProtocol}}", "{{serverHost}}", "{{serverPort}}");
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
        RemoteFolderEndpoint endpoint = new RemoteFolderEndpoint(scheme + "://" + host + ":" + port + RemoteFolderEndpoint.urlPath(remoteDir),
                steps.getComponent(), steps.settings(), remoteDir,
                new LedgerClaims(rtc.getCamelContext(), value(rtc, ferry.servers.FlowServers.FLOW), protocol, host, port));
        // the flow's include/exclude apply to the listing, before anything is claimed
        endpoint.setNames(NameFilter.of(rtc)::accepts);
        endpoint.setDone(value(rtc, "done"));
        endpoint.setFailed(value(rtc, "failed"));
        // the journey's last step, once the file really is there (a failed file's move is journaled with its report)
        endpoint.setOnMoved((exchange, path) -> Journaling.note(exchange, ferry.ledger.Journal.Event.MOVED, host + ":" + path));
        long delay = Long.parseLong(value(rtc, "pollDelay"));
        endpoint.setDelay(delay);
        endpoint.setInitialDelay(delay);
        // polls every pollDelay ms, and at once when this instance stores a file into the folder (see FolderArrivals)
        endpoint.setScheduler(new ferry.config.WakeableScheduler(delay));
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

    /**
     * The ftplib download of the exchange's remote file ({@code FerryFtpPath}) from {@code server} into
     * {@code localDir}, or into memory when listed at most {@code inMemoryUpTo} bytes (0: never).
     */
    static Endpoint retriever(RouteTemplateContext rtc, FtpSettings server, String localDir, int inMemoryUpTo) {
        return ftplib(rtc.getCamelContext(), server, "retrbinary", Map.of("localDir", raw(localDir),
                "progressInterval", value(rtc, "progressInterval"), "inMemoryUpTo", inMemoryUpTo));
    }

    /**
     * Where a flow sends a file to {@code server} (FTP, FTPS or SFTP): the ftplib storbinary step, on kept sessions:
     * a check for a same-named file (SIZE, or stat), STOR under a hidden name, rename (see docs/delivery.md for what
     * a crash in between does). The path is the server's: absolute ({@code /srv/in}) or under the login folder.
     */
    static Endpoint uploader(RouteTemplateContext rtc, FtpSettings server, String remoteDir) {
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
