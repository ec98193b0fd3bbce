package ferry.routes;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INFO line per batch of files a workflow handled ("publish: 10 files (37 files/s) uploaded to /incoming,
 * archived; 412 waiting"), each file's own line being at DEBUG: thousands of files a minute would otherwise bury every other line of the log. A batch
 * is what one poll took; its line is written when its last file is through (or every 10 s under a steady stream).
 */
public final class BatchLog {

    /** Property: what happened to each file of the batch, e.g. "uploaded to /incoming, archived". */
    public static final String WHAT = "FerryBatchWhat";
    private static final String DONE = "FerryBatchDone";
    private static final long MAX_QUIET_MILLIS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(BatchLog.class);
    private static final ConcurrentMap<String, Tally> TALLIES = new ConcurrentHashMap<>();
    private static final ConcurrentMap<String, Counted> COUNTED = new ConcurrentHashMap<>();
    private static final long COUNT_EVERY_NANOS = 1_000_000_000L;

    private BatchLog() {
    }

    /** A file of a batch starts through the workflow (after its claim). */
    public static void begin(Exchange exchange) {
        String route = exchange.getContext().getName() + "/" + exchange.getFromRouteId();
        Tally tally = TALLIES.computeIfAbsent(route, r -> new Tally());
        tally.begin();
        boolean lastOfPoll = exchange.getProperty(Exchange.BATCH_COMPLETE, false, Boolean.class);
        int pollSize = exchange.getProperty(Exchange.BATCH_SIZE, 0, Integer.class);
        // files seen and not yet taken: the remote folder's consumer counts them at its listing; a local folder is
        // counted when the line is written
        Integer listedWaiting = exchange.getProperty(ferry.ftplib.RemoteFolderConsumer.WAITING, Integer.class);
        String localFolder = listedWaiting == null ? exchange.getMessage().getHeader(Exchange.FILE_PARENT, String.class) : null;
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                String line = tally.end(!done.isFailed() && done.getProperty(DONE, false, Boolean.class), lastOfPoll, pollSize);
                if (line != null) {
                    // the file that ends here is still in its folder until the consumer moves it, right after this
                    int waiting = listedWaiting != null ? listedWaiting
                            : waitingIn(localFolder, tally.inFlight() + 1, tally.ended());
                    LOG.info("{}: {} {}{}", done.getFromRouteId(), line, done.getProperty(WHAT, "handled", String.class),
                            waiting > 0 ? "; " + waiting + " waiting" : "");
                }
            }
        });
    }

    /**
     * Files in a local source folder not yet taken (visible regular files, less those in flight); 0 if unknown. The
     * folder is counted at most once a second, and in between the files ended since are taken off that count: a
     * stat of each of thousands of waiting files for every batch line cost more CPU than uploading the batch
     * (publish of 2000 small files: about 0.8 ms a file).
     */
    private static int waitingIn(String folder, int inFlight, long ended) {
        if (folder == null) {
            return 0;
        }
        long now = System.nanoTime();
        Counted counted = COUNTED.get(folder);
        if (counted == null || now - counted.at() > COUNT_EVERY_NANOS) {
            try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(java.nio.file.Path.of(folder))) {
                int visible = (int) files.filter(java.nio.file.Files::isRegularFile)
                        .filter(f -> !f.getFileName().toString().startsWith(".")).count();
                counted = new Counted(now, visible, ended);
                COUNTED.put(folder, counted);
            } catch (java.io.IOException | RuntimeException e) {
                return 0;
            }
        }
        return (int) Math.max(0, counted.visible() - (ended - counted.ended()) - inFlight);
    }

    /** A folder's visible files at a time, and how many files its route had ended by then. */
    private record Counted(long at, int visible, long ended) {
    }

    /** The file went all the way (delivered, recorded); the consumer moves it next. */
    public static void done(Exchange exchange) {
        exchange.setProperty(DONE, true);
    }

    /** Files in flight and done since the last line of one route. */
    private static final class Tally {
        private int inFlight;
        private int done;
        private long lastLine = System.currentTimeMillis();
        private long firstBegun = -1;
        private boolean pollEnded;
        private long ended;

        synchronized void begin() {
            if (firstBegun < 0) {
                firstBegun = System.currentTimeMillis();
            }
            inFlight++;
        }

        synchronized int inFlight() {
            return inFlight;
        }

        /** Files that went through (delivered or not) since the route started: they left the folder, or are leaving. */
        synchronized long ended() {
            return ended;
        }

        /** The count for a line when one is due, else null. */
        synchronized String end(boolean succeeded, boolean lastOfPoll, int pollSize) {
            inFlight--;
            ended++;
            if (succeeded) {
                done++;
            }
            pollEnded |= lastOfPoll;
            long now = System.currentTimeMillis();
            // a poll's batch through (all of it, or as many files as it held while the next polls' files overlap
            // it), or a quiet spell under a steady stream; parallel workers finish in any order
            boolean due = (inFlight == 0 && pollEnded) || (pollSize > 0 && done >= pollSize)
                    || now - lastLine >= MAX_QUIET_MILLIS;
            if (!due || done == 0) {
                return null;
            }
            String line = done == 1 ? "1 file" : done + " files";
            long millis = now - firstBegun;
            if (done > 1 && millis >= 200) {
                // the rate over the files of this line, from the first one begun
                line += " (" + Math.round(done * 1000.0 / millis) + " files/s)";
            }
            firstBegun = inFlight > 0 ? now : -1;
            pollEnded = inFlight > 0 && pollEnded;
            done = 0;
            lastLine = now;
            return line;
        }
    }
}
