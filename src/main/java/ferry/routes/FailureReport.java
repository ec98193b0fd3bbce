package ferry.routes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;

import ferry.ledger.LedgerKey;
import org.apache.camel.DelegateEndpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.util.URISupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code <ferry.data>/failed/<file>.error} for a file that could not be delivered: the file, where it
 * is kept, the step that failed, the server's reply and the time. Secrets in URIs are masked.
 */
public class FailureReport implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(FailureReport.class);

    /** Exchange property: a flow's own failed folder, absolute or relative to {@link #FOLDER_BASE}. */
    public static final String FOLDER = "FerryFailedFolder";
    public static final String FOLDER_BASE = "FerryFailedFolderBase";

    @Override
    public void process(Exchange exchange) throws Exception {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, "unnamed", String.class);
        Path failed = failedFolder(exchange);
        String keptAt = keptAt(exchange, failed, name);
        String step = URISupport.sanitizeUri(failedStep(exchange));
        String reason = cause == null ? "unknown" : URISupport.sanitizeUri(withRootCause(cause));
        String report = "file: " + MailHeaders.safe(name) + "\n"
                + "workflow: " + exchange.getFromRouteId() + "\n"
                + "kept at: " + keptAt + "\n"
                + "step: " + step + "\n"
                + "reason: " + (cause == null ? "" : cause.getClass().getSimpleName() + ": ") + reason + "\n"
                + "attempts: " + (1 + exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class)) + "\n"
                + "time: " + OffsetDateTime.now() + "\n";
        try {
            Files.createDirectories(failed);
            // written aside and renamed: whoever watches failed/ never reads half a report
            java.nio.file.Path part = Files.writeString(failed.resolve(".ferry-" + java.util.UUID.randomUUID() + ".part"),
                    report, StandardCharsets.UTF_8);
            Files.move(part, failed.resolve(name + ".error"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // the file itself is still kept by the consumer's moveFailed; say so loudly rather than fail twice
            LOG.error("Could not write the failure report for {} into {}: {}", name, failed, e.getMessage());
        }
        String key = exchange.getProperty(LedgerSteps.KEY, String.class);
        if (key != null) {
            try {
                LedgerSteps.ledger(exchange).failed(LedgerKey.parse(key), reason);
                String local = exchange.getMessage().getHeader("CamelFileHost", String.class) == null
                        ? exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class) : null;
                exchange.getExchangeExtension().addOnCompletion(new MovedAwayCheck(LedgerSteps.ledger(exchange),
                        LedgerKey.parse(key), local == null ? null : Path.of(local)));
            } catch (java.sql.SQLException e) {
                // the file and its .error report are kept all the same; the ledger only loses the reason
                LOG.warn("Ledger could not record the failure of {}: {}", name, e.getMessage());
            }
        }
        // the journey: failed for good, and where the file is kept
        Journaling.note(exchange, ferry.ledger.Journal.Event.FAILED, reason);
        Journaling.note(exchange, ferry.ledger.Journal.Event.MOVED, keptAt);
        // an alert mail (folded into a digest when many fail together)
        ferry.alerts.Alerts alerts = exchange.getContext().getRegistry().lookupByNameAndType(ferry.alerts.Alerts.BEAN,
                ferry.alerts.Alerts.class);
        if (alerts != null) {
            alerts.failed(exchange.getFromRouteId(), MailHeaders.safe(name), reason);
        }
        // one line, whatever the name or the server's reply holds: a line break in a name would start a forged line
        LOG.error("{}: {} not delivered, kept at {}: {}", exchange.getFromRouteId(), MailHeaders.safe(name),
                MailHeaders.safe(keptAt), oneLine(reason));
    }

    /** A server's reply (or any reason) as one line: its line breaks as spaces, other control characters shown safe. */
    static String oneLine(String reason) {
        return MailHeaders.safe(reason.strip().replaceAll("\\s*\\R\\s*", " "));
    }

    /** Where reports (and local files that failed) go: the flow's own failed folder, else {@code <ferry.data>/failed}. */
    static Path failedFolder(Exchange exchange) {
        String own = exchange.getProperty(FOLDER, String.class);
        if (own == null) {
            return Path.of(exchange.getContext().resolvePropertyPlaceholders("{{ferry.data}}"), "failed");
        }
        return Path.of(exchange.getProperty(FOLDER_BASE, ".", String.class)).resolve(own).normalize();
    }

    /**
     * The failure's message, and its root cause's when that says more: camel-mail's "Could not connect to SMTP host"
     * alone would hide that the certificate named another host.
     */
    private static String withRootCause(Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String because = root.getMessage();
        return root == cause || because == null || message.contains(because) ? message : message + " (" + because + ")";
    }

    /** The endpoint that failed; a {@code ref:} step (the workflows' remote folder) is named by what it refers to. */
    private static String failedStep(Exchange exchange) {
        String uri = exchange.getProperty(Exchange.FAILURE_ENDPOINT, "", String.class);
        for (org.apache.camel.Endpoint e : exchange.getContext().getEndpoints()) {
            if (e instanceof DelegateEndpoint ref && e.getEndpointUri().equals(uri)) {
                return ref.getEndpoint().getEndpointUri();
            }
        }
        return uri;
    }

    private static String keptAt(Exchange exchange, Path failed, String name) {
        String host = exchange.getMessage().getHeader("CamelFileHost", String.class);
        if (host == null) {
            return failed.resolve(name).toString();
        }
        String parent = exchange.getMessage().getHeader(Exchange.FILE_PARENT, "", String.class);
        String from = exchange.getFromEndpoint() instanceof DelegateEndpoint ref
                ? ref.getEndpoint().getEndpointUri() : exchange.getFromEndpoint().getEndpointUri();
        // the remote folder's own scheme (ftp, ftps or sftp), so the location can be pasted into a client
        String scheme = from.contains(":") ? from.substring(0, from.indexOf(':')) : "ftp";
        return scheme + "://" + host + "/" + stripSlashes(parent) + "/.failed/" + name;
    }

    private static String stripSlashes(String s) {
        return s.replaceAll("^/+|/+$", "");
    }
}
