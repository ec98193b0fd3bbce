package ferry.reload;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** What health and metrics need to know about hot reload: the files refused now, and the running counts. */
public final class ReloadState {

    private final Map<Path, Problem> refused = new ConcurrentHashMap<>();
    private final AtomicLong successes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    void applied(Path file) {
        refused.remove(file);
        successes.incrementAndGet();
    }

    void refused(Path file, Problem problem) {
        refused.put(file, problem);
        failures.incrementAndGet();
    }

    /** The file is gone or back to what runs: nothing to report any more. */
    void cleared(Path file) {
        refused.remove(file);
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
