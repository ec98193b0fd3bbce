package ferry.ftplib;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

import ferry.pool.ConnectionPool;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledPollConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of a watched remote folder, as the steps of one flow: list the folder once, claim a batch, and for
 * each claimed file (on a worker of its own) run the route (transfer, mail, record) and then move the file to
 * {@code .done/}, or to {@code .failed/} when the route gave up on it. The next poll lists again only when the
 * whole batch is through, so a file is never in work twice.
 */
public class RemoteFolderConsumer extends ScheduledPollConsumer {

    /**
     * Exchange property: the route ended the file's exchange without a verdict (neither delivered nor failed), so the
     * file stays in the folder, neither moved to done nor to failed; the route gives its claim back itself.
     */
    public static final String LEFT_IN_PLACE = "FerryLeftInPlace";
    /** Exchange property: files the poll's listing saw and left for later polls (Integer). */
    public static final String WAITING = "FerryWaiting";

    private static final Logger LOG = LoggerFactory.getLogger(RemoteFolderConsumer.class);

    private final RemoteFolderEndpoint endpoint;
    private ExecutorService workers;
    private volatile boolean folderReady;
    /** How long one listing serves later polls before the folder is listed again. */
    private static final long LISTING_LIFETIME_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    private java.util.Deque<RemoteFile> unclaimed = new java.util.ArrayDeque<>();
    private long listedAt;
    private AutoCloseable arrivals;
    // a file was stored into the folder by this JVM since the last listing (see FolderArrivals)
    private volatile boolean arrived;

    public RemoteFolderConsumer(RemoteFolderEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected int poll() throws Exception {
        // one listing serves the batches of the following polls while it is fresh: listing a folder of thousands of
        // files for every 10 taken cost more than the transfers (each batch is still claimed on its own, so other
        // instances keep their share, and a file another instance took in between is BUSY and skipped)
        if (unclaimed.isEmpty() || System.nanoTime() - listedAt > LISTING_LIFETIME_NANOS || woken()) {
            unclaimed = new java.util.ArrayDeque<>(list());
            listedAt = System.nanoTime();
        }
        List<RemoteFile> claimed = new ArrayList<>();
        int max = endpoint.getMaxFilesPerPoll();
        while (claimed.size() < max && !unclaimed.isEmpty()) {
            List<RemoteFile> candidates = new ArrayList<>();
            while (candidates.size() < max - claimed.size() && !unclaimed.isEmpty()) {
                candidates.add(unclaimed.poll());
            }
            claimed.addAll(endpoint.getClaims().claim(candidates, max - claimed.size()));
        }
        if (!claimed.isEmpty()) {
            LOG.debug("{}: {} files claimed, {} listed and not yet tried", endpoint.getEndpointUri(), claimed.size(),
                    unclaimed.size());
        }
        int waiting = unclaimed.size();
        List<Future<?>> batch = new ArrayList<>();
        for (int i = 0; i < claimed.size(); i++) {
            RemoteFile file = claimed.get(i);
            // Camel's pools drop work handed to them once shut down (no RejectedExecutionException): ask first
            if (stopping() || workers.isShutdown()) {
                endpoint.getClaims().release(file);
                continue;
            }
            int index = i;
            try {
                batch.add(workers.submit(() -> {
                    if (stopping()) {
                        // queued when Ferry began to stop: not started, its claim given back for the next start
                        endpoint.getClaims().release(file);
                    } else {
                        deliverAndMove(file, index, claimed.size(), waiting);
                    }
                }));
            } catch (RejectedExecutionException e) {
                // the workers are stopping: the file stays and is taken again (here or by another instance)
                endpoint.getClaims().release(file);
            }
        }
        // the next poll lists or claims when the whole batch is through, so no file is in work twice. Claiming again
        // as soon as a worker was free (more polls, smaller claims, more listings) cost more CPU per file than the
        // workers' wait for a batch's slowest file (ftp-to-mail 2.76-3.14 against 2.43-2.65 ms a mail)
        for (Future<?> f : batch) {
            f.get();
        }
        return claimed.size();
    }

    /** Ferry or the route is stopping (or suspended for a graceful stop): no file is started any more. */
    private boolean stopping() {
        return !isRunAllowed() || isSuspendingOrSuspended();
    }

    /** Was a file stored into the folder since the last listing (it is not in the listing kept)? */
    private boolean woken() {
        boolean was = arrived;
        arrived = false;
        return was && unclaimed.size() < endpoint.getMaxFilesPerPoll();
    }

    /** A file was just stored into the watched folder by this JVM (see {@link FolderArrivals}): poll now. */
    private void wake() {
        arrived = true;
        if (getScheduler() instanceof ferry.config.WakeableScheduler scheduler) {
            scheduler.wake();
        }
    }

    /** Step 1, listing: the folder's visible regular files, in name order (every instance claims in the same order). */
    private List<RemoteFile> list() throws FtpException {
        prepareFolder();
        // the time to the minute, as LIST gives it on every server: a file's ledger key (and so its Message-ID) must
        // not depend on the listing command, and a copy uploaded again after a crash within the minute is
        // recognised as the file already delivered
        return withSession(session -> session.files(endpoint.getFolder()).stream()
                .map(e -> new RemoteFile(endpoint.getFolder(), e.getName(), e.getSize(),
                        e.getTime() == null ? null : e.getTime().truncatedTo(ChronoUnit.MINUTES)))
                .filter(f -> endpoint.getNames().test(f.name()))
                .sorted(Comparator.comparing(RemoteFile::name))
                .toList());
    }

    /**
     * As camel-ftp's autoCreate: the folder (and its parents) exists before the first upload or listing, so a
     * publisher's first file on a new server finds it. Done once, at start or else at the first poll.
     */
    private void prepareFolder() throws FtpException {
        if (folderReady) {
            return;
        }
        withSession(session -> {
            makeFolders(session, endpoint.getFolder());
            return null;
        });
        folderReady = true;
    }

    /** Steps 3 to 6 for one claimed file: the route transfers, mails and records it; then it is moved. */
    private void deliverAndMove(RemoteFile file, int index, int size, int waiting) {
        Exchange exchange = createExchange(false);
        describe(exchange.getIn(), file);
        // as Camel's batch consumers say it: which file of the poll this is, and how many were left for later polls
        exchange.setProperty(Exchange.BATCH_INDEX, index);
        exchange.setProperty(Exchange.BATCH_SIZE, size);
        exchange.setProperty(Exchange.BATCH_COMPLETE, index == size - 1);
        exchange.setProperty(WAITING, waiting);
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        Exception failure = exchange.getException();
        try {
            if (exchange.getProperty(LEFT_IN_PLACE, false, Boolean.class)) {
                // no verdict (Ferry stopped while the file waited out a fault): it stays for the next start
                LOG.debug("{}: {} left in {}", endpoint.getEndpointUri(), file.name(), endpoint.getFolder());
            } else if (failure == null) {
                endpoint.getOnMoved().accept(exchange, move(file, endpoint.getDone()));
            } else if (failure instanceof RejectedExecutionException || !isRunAllowed()) {
                // Ferry is stopping mid-file: the file stays and is taken again (here or by another instance)
                endpoint.getClaims().release(file);
            } else {
                move(file, endpoint.getFailed());
            }
        } catch (FtpFileGoneException e) {
            LOG.warn("{}: {} was not moved, it is no longer in {} (taken by someone else); nothing in its done or "
                    + "failed folder was replaced for it", endpoint.getEndpointUri(), file.name(), endpoint.getFolder());
        } catch (FtpException e) {
            // the ledger knows what happened to it: the next poll finishes the move without sending it again
            LOG.warn("{}: {} stays in {} for now, moving it failed: {}", endpoint.getEndpointUri(), file.name(),
                    endpoint.getFolder(), e.getMessage());
        }
        // a failed file was reported by the route's error handling (.error report, ledger): nothing more to log here
        releaseExchange(exchange, false);
    }

    /** The headers camel-ftp's consumer gives a file, so routes and simple's ${file:...} read it the same way. */
    private void describe(Message in, RemoteFile file) {
        in.setHeader(Exchange.FILE_NAME, file.name());
        in.setHeader(Exchange.FILE_NAME_ONLY, file.name());
        in.setHeader(Exchange.FILE_NAME_CONSUMED, file.name());
        in.setHeader("CamelFileRelativePath", file.name());
        in.setHeader(Exchange.FILE_PATH, file.path());
        in.setHeader("CamelFileAbsolutePath", file.path());
        in.setHeader(Exchange.FILE_PARENT, file.folder());
        in.setHeader(Exchange.FILE_LENGTH, file.size());
        in.setHeader(Exchange.FILE_LAST_MODIFIED, file.millis());
        in.setHeader("CamelFileHost", endpoint.getSettings().host());
    }

    /** Step 6, moving: into {@code sub} beside the file (created when missing); a same-named older one is replaced. */
    private String move(RemoteFile file, String sub) throws FtpException {
        String folder = file.folder().isEmpty() ? sub : file.folder() + "/" + sub;
        String target = folder + "/" + file.name();
        withSession(session -> {
            try {
                session.rename(file.path(), target);
            } catch (FtpPermanentException first) {
                // the flow's done/failed may be several levels deep (archive/2026)
                makeFolders(session, folder);
                try {
                    session.rename(file.path(), target);
                } catch (FtpPermanentException second) {
                    // a file of that name in the target (an earlier delivery) is replaced only by the file itself:
                    // one already taken by someone else must not cost that earlier copy
                    if (!session.exists(file.path())) {
                        throw new FtpFileGoneException(file.path(), session.server(), second);
                    }
                    ignoreRefusal(() -> session.delete(target));
                    session.rename(file.path(), target);
                }
            }
            return null;
        });
        LOG.debug("{}: {} moved to {}", endpoint.getEndpointUri(), file.name(), target);
        return target;
    }

    /**
     * Creates {@code folder} and its parents, level by level; those that exist already are left as they are. Each
     * folder made is logged: a folder the user did not expect (a path read differently than meant) must be seen.
     */
    private void makeFolders(RemoteSession session, String folder) throws FtpException {
        String path = folder.startsWith("/") ? "/" : "";
        for (String part : folder.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            path = path.isEmpty() || path.equals("/") ? path + part : path + "/" + part;
            String step = path;
            ignoreRefusal(() -> {
                session.mkd(step);
                LOG.info("{}: created the folder {} on {}, which was not there", endpoint.getEndpointUri(), step,
                        session.server());
                return null;
            });
        }
    }

    /** A command whose refusal is expected (the folder exists already, there is no older file). */
    private static void ignoreRefusal(SessionWork<?> work) throws FtpException {
        try {
            work.run();
        } catch (FtpPermanentException expected) {
            // the following rename says whether anything is really wrong
        }
    }

    /** Runs {@code work} on a kept session; a session that failed is closed, not kept. */
    private <T> T withSession(SessionCall<T> work) throws FtpException {
        ConnectionPool<FtpSettings, RemoteSession> pool = endpoint.getComponent().pool();
        RemoteSession session = pool.borrow(endpoint.getSettings(), RemoteSession::open);
        boolean clean = false;
        try {
            T result = work.run(session);
            clean = true;
            return result;
        } finally {
            if (clean) {
                pool.release(endpoint.getSettings(), session);
            } else {
                session.close();
            }
        }
    }

    @FunctionalInterface
    private interface SessionCall<T> {
        T run(RemoteSession session) throws FtpException;
    }

    @FunctionalInterface
    private interface SessionWork<T> {
        T run() throws FtpException;
    }

    @Override
    protected void doStart() throws Exception {
        workers = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newFixedThreadPool(this, "ferry-remote " + endpoint.getFolder(), endpoint.getWorkers());
        // a consumer started again (a route stopped and started by hand) begins with a fresh listing
        unclaimed = new java.util.ArrayDeque<>();
        try {
            prepareFolder();
        } catch (FtpException e) {
            // the server is not there yet: the first poll tries again (and fails visibly if it still cannot)
            LOG.debug("{}: folder not prepared at start: {}", endpoint.getEndpointUri(), e.getMessage());
        }
        super.doStart();
        arrivals = FolderArrivals.watch(endpoint.getSettings(), endpoint.getFolder(), this::wake);
    }

    @Override
    protected void doStop() throws Exception {
        if (arrivals != null) {
            arrivals.close();
            arrivals = null;
        }
        super.doStop();
        if (workers != null) {
            // files in work finish (Camel's graceful shutdown waits for them); nothing new is started
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(workers);
            workers = null;
        }
    }
}
