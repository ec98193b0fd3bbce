package ferry.config;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.support.DefaultScheduledPollConsumerScheduler;

/**
 * A polling consumer's scheduler that polls every {@code delay} ms, and also at once when woken (a file appeared in
 * the outbox, a file was stored into a watched remote folder). The woken poll runs on the scheduler's own thread,
 * so it never runs beside a scheduled one, and one extra poll is queued at most, however often it is woken.
 */
public class WakeableScheduler extends DefaultScheduledPollConsumerScheduler {

    private Runnable poll;
    private final AtomicBoolean queued = new AtomicBoolean();

    public WakeableScheduler(long delay) {
        setDelay(delay);
        // first poll after one delay, not Camel's default second: a reloaded route resumes quickly
        setInitialDelay(delay);
    }

    @Override
    public void scheduleTask(Runnable task) {
        super.scheduleTask(task);
        this.poll = task;
    }

    /** A poll now (queued behind a running one); ignored while the scheduler is not running. */
    public void wake() {
        ScheduledExecutorService executor = getScheduledExecutorService();
        if (executor == null || !isSchedulerStarted() || !queued.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(() -> {
                queued.set(false);
                poll.run();
            });
        } catch (RejectedExecutionException e) {
            // the consumer is stopping
            queued.set(false);
        }
    }
}
