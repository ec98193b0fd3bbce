package ferry.routes;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INFO line per batch of files a workflow handled ("publish: 10 files uploaded to /incoming"), each file's
 * own line being at DEBUG: thousands of files a minute would otherwise bury every other line of the log. A batch
 * is what one poll took; its line is written when its last file is through (or every 10 s under a steady stream).
 */
public final class BatchLog {

    /** Property: what happened to each file of the batch, e.g. "uploaded to /incoming, archived". */
    public static final String WHAT = "FerryBatchWhat";
    private static final String DONE = "FerryBatchDone";
    private static final long MAX_QUIET_MILLIS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(BatchLog.class);
    private static final ConcurrentMap<String, Tally> TALLIES = new ConcurrentHashMap<>();

    private BatchLog() {
    }

    /** A file of a batch starts through the workflow (after its claim). */
    public static void begin(Exchange exchange) {
        String route = exchange.getContext().getName() + "/" + exchange.getFromRouteId();
        Tally tally = TALLIES.computeIfAbsent(route, r -> new Tally());
        tally.begin();
        boolean lastOfPoll = exchange.getProperty(Exchange.BATCH_COMPLETE, false, Boolean.class);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                String line = tally.end(!done.isFailed() && done.getProperty(DONE, false, Boolean.class), lastOfPoll);
                if (line != null) {
                    LOG.info("{}: {} {}", done.getFromRouteId(), line, done.getProperty(WHAT, "handled", String.class));
                }
            }
        });
    }

    /** The file went all the way (delivered, recorded); the consumer moves it next. */
    public static void done(Exchange exchange) {
        exchange.setProperty(DONE, true);
    }

    /** Files in flight and done since the last line of one route. */
    private static final class Tally {
        private int inFlight;
        private int done;
        private boolean pollEnded;
        private long lastLine = System.currentTimeMillis();

        synchronized void begin() {
            inFlight++;
        }

        /** The count for a line when one is due, else null. */
        synchronized String end(boolean succeeded, boolean lastOfPoll) {
            inFlight--;
            if (succeeded) {
                done++;
            }
            pollEnded |= lastOfPoll;
            long now = System.currentTimeMillis();
            boolean due = (inFlight == 0 && pollEnded) || now - lastLine >= MAX_QUIET_MILLIS;
            if (!due || done == 0) {
                return null;
            }
            String line = done == 1 ? "1 file" : done + " files";
            done = 0;
            pollEnded = inFlight > 0 && pollEnded;
            lastLine = now;
            return line;
        }
    }
}
