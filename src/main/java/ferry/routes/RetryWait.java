package ferry.routes;

import ferry.ledger.Ledger;
import ferry.ledger.LedgerKey;
import ferry.progress.UploadProgress;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.StatefulService;

/**
 * The wait before the next attempt at a temporary fault: {@code ferry.retry.delay}, doubled at each attempt up to
 * {@code ferry.retry.max-delay}. Done here rather than by Camel's redelivery delay because Camel's waits through a
 * stop (or rejects the exchange, which moves the file to failed/): when Ferry or the route stops meanwhile, the
 * file is left where it was instead ({@link LeftInPlace}) and the stop does not wait for the delay.
 */
public class RetryWait implements Processor {

    /** Exchange property, true while the file waits for its next attempt. */
    public static final String WAITING = "FerryRetryWaiting";

    /** How often a waiting attempt looks whether Ferry or its route is stopping (ms). */
    private static final long LOOK_EVERY = 100;

    @Override
    public void process(Exchange exchange) throws Exception {
        int attempt = exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 1, Integer.class);
        long first = Long.parseLong(exchange.getContext().resolvePropertyPlaceholders("{{ferry.retry.delay}}").trim());
        long max = Long.parseLong(exchange.getContext().resolvePropertyPlaceholders("{{ferry.retry.max-delay}}").trim());
        long delay = Math.min(max, first << Math.min(30, Math.max(0, attempt - 1)));
        RetryLog.failedAttempt(exchange, attempt, delay);
        LedgerKey key = key(exchange);
        Ledger ledger = LedgerSteps.ledger(exchange);
        // a kill -9 during the wait is not the file's doing: the ledger must not count it as an attempt that died
        mark(ledger, key, true);
        // the console lists the file as waiting meanwhile, not as a transfer in flight
        exchange.setProperty(WAITING, true);
        long until = System.currentTimeMillis() + delay;
        try {
            for (long left = delay; left > 0; left = until - System.currentTimeMillis()) {
                if (stopping(exchange)) {
                    LeftInPlace.leave(exchange);
                    return;
                }
                Thread.sleep(Math.min(LOOK_EVERY, left));
            }
        } catch (InterruptedException e) {
            // a forced stop: the same as any other stop, the file stays
            Thread.currentThread().interrupt();
            LeftInPlace.leave(exchange);
            return;
        } finally {
            exchange.removeProperty(WAITING);
        }
        if (stopping(exchange)) {
            LeftInPlace.leave(exchange);
            return;
        }
        mark(ledger, key, false);
        // an upload's stream was consumed by the failed attempt: give the next one a fresh stream
        UploadProgress.rewind(exchange);
    }

    /** Ferry is stopping (Ctrl-C, SIGTERM), or the route is (a reload swapping it, a route stop from the console). */
    static boolean stopping(Exchange exchange) {
        if (!exchange.getContext().isRunAllowed() || exchange.getContext().isStopping()) {
            return true;
        }
        Route route = exchange.getContext().getRoute(exchange.getFromRouteId());
        Consumer consumer = route == null ? null : route.getConsumer();
        return route == null || consumer instanceof StatefulService s && (s.isStopping() || s.isStopped() || s.isSuspending() || s.isSuspended());
    }

    private static LedgerKey key(Exchange exchange) {
        String text = exchange.getProperty(LedgerSteps.KEY, String.class);
        return text == null ? null : LedgerKey.parse(text);
    }

    private static void mark(Ledger ledger, LedgerKey key, boolean waiting) {
        if (ledger == null || key == null) {
            return;
        }
        try {
            ledger.retryWait(key, waiting);
        } catch (java.sql.SQLException e) {
            // only the count of attempts that died is less exact; the retry itself goes on
            org.slf4j.LoggerFactory.getLogger(RetryWait.class).debug("Ledger could not mark the retry wait of {}: {}", key, e.getMessage());
        }
    }
}
