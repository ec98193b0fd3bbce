package ferry.reload;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What health and metrics need to know about hot reload: the files refused now, the files whose change waits for
 * their routes' transfers, and the running counts.
 */
public final class ReloadState {

    private final Map<Path, Problem> refused = new ConcurrentHashMap<>();
    private final Map<Path, String> waiting = new ConcurrentHashMap<>();
    private final AtomicLong successes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    void applied(Path file) {
        refused.remove(file);
        waiting.remove(file);
        successes.incrementAndGet();
    }

    void refused(Path file, Problem problem) {
        refused.put(file, problem);
        waiting.remove(file);
        failures.incrementAndGet();
    }

    /** The file is gone or back to what runs: nothing to report any more. */
    void cleared(Path file) {
        refused.remove(file);
        waiting.remove(file);
    }

    /** The file's change waits for its routes' files in transfer ({@code why}); the previous version runs meanwhile. */
    void waiting(Path file, String why) {
        waiting.put(file, why);
    }

    /** Files whose saved change waits for their routes' transfers, with why, by file. */
    public Map<Path, String> waiting() {
        return new TreeMap<>(waiting);
    }

    /** Files whose last save was refused (their previous version still runs), by file. */
    public Map<Path, Problem> refused() {
        return new TreeMap<>(refused);
    }

    public long successes() {
        return successes.get();
    }

    public long failures() {
        return failures.get();
    }
}
