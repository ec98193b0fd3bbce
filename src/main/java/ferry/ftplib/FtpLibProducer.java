package ferry.ftplib;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

import ferry.pool.ConnectionPool;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one ftplib operation on the exchange's FTP session. Steps of one exchange share one logged-in session per
 * server (so {@code cwd} affects the next {@code retrbinary}), the one the first step ({@code login}) opened, whatever
 * user later steps name; a refused command or transfer keeps it, as ftplib keeps its connection after an
 * {@code error_perm}. It is closed by {@code quit} or when the exchange completes, whatever happened.
 */
public class FtpLibProducer extends DefaultProducer {

    public static final String PATH = "FerryFtpPath";
    public static final String RENAME_TO = "FerryFtpRenameTo";
    public static final String REPLY_CODE = "FerryFtpReplyCode";
    public static final String REPLY_TEXT = "FerryFtpReplyText";
    public static final String ENTRIES = "FerryFtpEntries";
    public static final String LOCAL_FILE = "FerryFtpLocalFile";
    /**
     * Exchange property: what names an atomic upload's hidden temporary file (default: the exchange id). A caller
     * that gives every attempt at one file the same token (the workflows: from the ledger key) gets a part file
     * that the next attempt overwrites, also after the instance that started it was killed.
     */
    public static final String ATTEMPT_TOKEN = "FerryFtpAttemptToken";
    static final String SESSION_PREFIX = "FerryFtpSession:";
    /**
     * Exchange property: a {@code Runnable} an atomic upload runs once its hidden file is complete, before the rename
     * (the workflows record it in the ledger, see {@link #RENAME_PENDING}); a failure it throws stops the upload.
     */
    public static final String BEFORE_RENAME = "FerryFtpBeforeRename";
    /**
     * Exchange property: true when an earlier attempt at this upload, perhaps in an instance that died, had asked
     * for its rename. The upload then first asks the server for the hidden file: gone means the rename went
     * through, and the file is not sent again.
     */
    public static final String RENAME_PENDING = "FerryFtpRenamePending";
    private static final String RENAME_PENDING_PREFIX = "FerryFtpRenamePending:";
    private static final String LOST_STATE = "FerryFtpLostState:";

    private static final Logger LOG = LoggerFactory.getLogger(FtpLibProducer.class);

    private final FtpLibEndpoint endpoint;
    private final FtpSettings settings;
    private final String key;

    public FtpLibProducer(FtpLibEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        // the endpoint's options are fixed by the time it makes a producer: work them out once, not per file
        this.settings = endpoint.settings();
        this.key = SESSION_PREFIX + settings.serverKey();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        FtpOperation op = endpoint.getOperation();
        RemoteSession session = exchange.getProperty(key, RemoteSession.class);
        if (op == FtpOperation.QUIT) {
            exchange.removeProperty(key);
            exchange.removeProperty(LOST_STATE + key);
            if (session == null) {
                // no session, no reply: nothing of an earlier step's reply is left to look like quit's
                exchange.getMessage().removeHeader(REPLY_CODE);
                exchange.getMessage().removeHeader(REPLY_TEXT);
                exchange.getMessage().setBody("");
            } else {
                exchange.getMessage().setBody(session.quit());
                setReply(exchange, session.replyCode(), session.replyText());
            }
            return;
        }
        String path = exchange.getMessage().getHeader(PATH, endpoint.getPath(), String.class);
        checkNoLostState(op, path, exchange);
        if (session == null || !session.isOpen()) {
            ConnectionPool<FtpSettings, RemoteSession> pool = endpoint.getComponent().pool();
            session = pool.borrow(settings, RemoteSession::open);
            exchange.setProperty(key, session);
            RemoteSession opened = session;
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    // kept for the next exchange when still in a clean state, else said goodbye to
                    pool.release(settings, opened);
                }
            });
            LOG.debug("Session to {} as {}", session.server(), settings.username());
        }
        Object result;
        try {
            result = perform(op, session, path, exchange);
        } catch (Exception e) {
            if (e instanceof FtpException f) {
                setReply(exchange, f.getReplyCode(), f.getReplyText() == null ? "" : f.getReplyText());
            }
            // a refusal (4xx/5xx, also of a transfer) leaves the conversation in step: the session, and its cwd, stay.
            // Replaced only when the connection is gone, a transfer broke before its final reply (the next command
            // would read that late reply), or the server said 421 (closing).
            // (a step refused before it sent anything, say for a missing path, leaves it in step too)
            boolean replied = e instanceof FtpTemporaryException || e instanceof FtpPermanentException
                    || e instanceof FtpReplyException || e instanceof IllegalArgumentException;
            if (!replied || !session.inStep() || (e instanceof FtpException f && f.getReplyCode() == 421)) {
                if (session.changedInto() != null) {
                    // a new session starts in the login folder: steps relying on this cwd must not run elsewhere
                    exchange.setProperty(LOST_STATE + key, "the session to " + session.server() + " broke during "
                            + op.step() + " (" + e.getMessage() + ") after cwd into '" + session.changedInto() + "'");
                }
                // closed now, not when the exchange ends: a file retried for hours must not hold a login per attempt;
                // a closed session is never handed out again
                session.close();
                exchange.removeProperty(key);
            }
            throw e;
        }
        setReply(exchange, session.replyCode(), session.replyText());
        exchange.getMessage().setBody(result);
        LOG.debug("{} {} on {}: {}", op.step(), path == null ? "" : path, session.server(), session.replyText());
    }

    private static void setReply(Exchange exchange, int code, String text) {
        exchange.getMessage().setHeader(REPLY_CODE, code);
        exchange.getMessage().setHeader(REPLY_TEXT, text);
    }

    /**
     * After the session broke and was replaced, a step that depends on the lost cwd (a relative path, or none) fails
     * loudly instead of running in the login folder. login, a cwd to an absolute path, or quit start afresh.
     */
    private void checkNoLostState(FtpOperation op, String path, Exchange exchange) throws FtpConnectionException {
        String lost = exchange.getProperty(LOST_STATE + key, String.class);
        if (lost == null) {
            return;
        }
        boolean absolute = path != null && path.startsWith("/");
        if (op == FtpOperation.LOGIN || (op == FtpOperation.CWD && absolute)) {
            exchange.removeProperty(LOST_STATE + key);
            return;
        }
        if (absolute && op != FtpOperation.CWD) {
            return;
        }
        throw new FtpConnectionException(op.step(), path, settings.host() + ":" + settings.port(), lost
                + "; a new session would start in the login folder, so this step is not run there (use login or a cwd"
                + " to an absolute path first, or absolute paths)", null);
    }

    private Object perform(FtpOperation op, RemoteSession session, String path, Exchange exchange) throws Exception {
        return switch (op) {
            case LOGIN -> session.loginReply();
            case PWD -> session.pwd();
            case CWD -> session.cwd(required(op, path));
            case NLST -> session.nlst(path);
            case DIR -> dir(session, path, exchange);
            case RETRLINES -> session.retrlines(required(op, path));
            case RETRBINARY -> retrbinary(session, required(op, path), exchange);
            case STORBINARY, STORLINES -> store(op, session, required(op, path), exchange);
            case RENAME -> session.rename(required(op, path), required(op,
                    exchange.getMessage().getHeader(RENAME_TO, endpoint.getTo(), String.class)));
            case DELETE -> session.delete(required(op, path));
            case MKD -> session.mkd(required(op, path));
            case RMD -> session.rmd(required(op, path));
            case SIZE -> session.size(required(op, path));
            case MDTM -> session.mdtm(required(op, path));
            case QUIT -> throw new IllegalStateException("quit is handled before a session is opened");
        };
    }

    private long store(FtpOperation op, RemoteSession session, String path, Exchange exchange) throws Exception {
        String temp = endpoint.isAtomic()
                ? AbstractRemoteSession.tempName(path, exchange.getProperty(ATTEMPT_TOKEN, exchange.getExchangeId(), String.class)) : null;
        String pending = RENAME_PENDING_PREFIX + path;
        // the ledger's word (RENAME_PENDING) is used once, by the first upload of the exchange; this exchange's own
        // earlier attempt is remembered per path
        boolean fromLedger = Boolean.TRUE.equals(exchange.removeProperty(RENAME_PENDING));
        boolean renameAsked = fromLedger || exchange.getProperty(pending, false, Boolean.class);
        if (temp != null && renameAsked && !session.exists(temp)) {
            // an earlier attempt's rename went through though its reply never came (the server or Ferry went away):
            // its complete hidden file is gone, so the file is on the server already (or taken from there since)
            exchange.removeProperty(pending);
            LOG.info("{} is on {} already: the rename of an earlier attempt went through", path, session.server());
            return exchange.getMessage().getHeader(Exchange.FILE_LENGTH, 0L, Long.class);
        }
        // SIZE asks on the control connection: no listing of the folder, however many files it holds
        if ("fail".equals(endpoint.getIfExists()) && session.exists(path)) {
            throw new FtpTemporaryException(op.step(), path, session.server(), 0,
                    "a file of that name is already there and is not replaced; try again once it has been taken", null);
        }
        Runnable beforeRename = temp == null ? null : () -> {
            exchange.setProperty(pending, true);
            Runnable record = exchange.getProperty(BEFORE_RENAME, Runnable.class);
            if (record != null) {
                record.run();
            }
        };
        long copied = session.store(op.step(), path, body(exchange), op == FtpOperation.STORBINARY, temp, beforeRename);
        exchange.removeProperty(pending);
        FolderArrivals.stored(settings, path);
        return copied;
    }

    private List<String> dir(RemoteSession session, String path, Exchange exchange) throws FtpException {
        RemoteSession.Listing listing = session.dir(path);
        exchange.getMessage().setHeader(ENTRIES, listing.entries());
        return listing.lines();
    }

    private Object retrbinary(RemoteSession session, String remote, Exchange exchange) throws FtpException {
        if (endpoint.getLocalDir() == null || endpoint.getLocalDir().isBlank()) {
            // no folder: hand the route a stream from the data connection, never the whole file in memory
            return session.openRetrieve(remote, endpoint.getRest());
        }
        Path target = LocalNames.inside(Path.of(endpoint.getLocalDir()), remote);
        // the size the listing gave, so progress lines can say how long is left
        long listed = exchange.getMessage().getHeader(Exchange.FILE_LENGTH, -1L, Long.class);
        session.announceSize(listed, endpoint.getProgressInterval());
        long rest = endpoint.getRest();
        // a file listed as small enough is kept in memory (never when resuming, see LocalDownload): no local file to
        // create, write, read back and delete
        int inMemoryUpTo = listed >= 0 && listed <= endpoint.getInMemoryUpTo() ? endpoint.getInMemoryUpTo() : 0;
        LocalDownload.Downloaded download = LocalDownload.write(remote, target, rest, inMemoryUpTo, session.server(),
                out -> session.retrbinary(remote, out, rest));
        exchange.getMessage().setHeader(Exchange.FILE_LENGTH, download.bytes());
        if (download.data() != null) {
            return download.data();
        }
        exchange.getMessage().setHeader(LOCAL_FILE, target.toString());
        return target.toFile();
    }

    private static InputStream body(Exchange exchange) throws Exception {
        return exchange.getMessage().getMandatoryBody(InputStream.class);
    }

    private static String required(FtpOperation op, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("ftplib:" + op.step() + " needs a path (the path option or the "
                    + PATH + " header)");
        }
        return value;
    }
}
