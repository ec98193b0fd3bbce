package ferry.progress;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a long transfer in the log at intervals: bytes done, rate and, when the size is known, the
 * estimated time left, so an operator watching a 2 GiB file sees it move.
 */
public final class TransferProgress {

    private static final Logger LOG = LoggerFactory.getLogger(TransferProgress.class);

    private final String what;
    private final long total;
    private final long intervalNanos;
    private final long start = System.nanoTime();
    private long lastReport = start;
    // read by the console while the transfer's thread adds
    private volatile long done;

    /** @param total the size in bytes, or a negative value when unknown */
    public TransferProgress(String what, long total, long intervalSeconds) {
        this.what = what;
        this.total = total;
        this.intervalNanos = Math.max(1, intervalSeconds) * 1_000_000_000L;
    }

    public void add(long bytes) {
        done += bytes;
        long now = System.nanoTime();
        if (now - lastReport >= intervalNanos) {
            lastReport = now;
            LOG.info(line(now));
        }
    }

    /** Bytes transferred so far. */
    public long done() {
        return done;
    }

    /** The size in bytes, or a negative value when unknown. */
    public long total() {
        return total;
    }

    /** Bytes per second since the start. */
    public double rate() {
        return done / Math.max(1e-9, (System.nanoTime() - start) / 1e9);
    }

    /** Estimated seconds left, or -1 when the size or the rate is unknown. */
    public long secondsLeft() {
        double rate = rate();
        return total > 0 && rate > 0 ? (long) ((total - done) / rate) : -1;
    }

    String line(long now) {
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        double rate = done / seconds;
        StringBuilder sb = new StringBuilder(what).append(": ").append(mib(done));
        if (total > 0) {
            sb.append(" of ").append(mib(total)).append(String.format(Locale.ROOT, " (%.1f%%)", 100.0 * done / total));
        }
        sb.append(String.format(Locale.ROOT, ", %.1f MiB/s", rate / (1 << 20)));
        if (total > 0 && rate > 0) {
            long left = (long) ((total - done) / rate);
            sb.append(String.format(Locale.ROOT, ", about %d:%02d left", left / 60, left % 60));
        }
        return sb.toString();
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
    }
}
