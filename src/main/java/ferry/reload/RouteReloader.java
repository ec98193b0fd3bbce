package ferry.reload;

import ferry.config.ConfigValues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import ferry.routes.RouteTemplates;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ferry's hot reload of {@code ferry.routes}: a changed file is checked first ({@link RouteFileCheck},
 * plus route ids against the other files) and swapped in only when sound; a refused save leaves the
 * previous version running and is logged once, in one line. A new file adds its routes, a deleted file
 * removes them; routes of other files are never touched. Camel's own reload stays off.
 */
public class RouteReloader extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(RouteReloader.class);
    /** How soon a change whose routes still had files in work is tried again (each try waits for them again). */
    private static final long RETRY_MILLIS = 1000;

    private final ReloadState state;
    /** What runs for each file: its content's digest, the content, and its route ids. */
    private final Map<Path, Applied> applied = new HashMap<>();
    /** Digest of the last refused content per file, so a refusal is reported once. */
    private final Map<Path, String> refusedDigests = new HashMap<>();
    private RouteFileCheck check;
    private RouteSwap swap;
    private RoutesFolderWatcher watcher;
    private CamelContext context;
    /** Digest of the content waiting for its routes' files in work, per file, so the wait is reported once. */
    private final Map<Path, String> waitingDigests = new HashMap<>();
    /** When the last stop of a file's routes was tried, while that stop found files in work (System.nanoTime). */
    private final Map<Path, Long> stopTried = new HashMap<>();

    private record Applied(String digest, byte[] content, Set<String> routeIds) {
    }

    public RouteReloader(ReloadState state) {
        this.state = state;
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        context = main.getCamelContext();
        PropertiesComponent pc = context.getPropertiesComponent();
        if (!Boolean.parseBoolean(ConfigValues.get(pc, "ferry.reload.enabled"))) {
            LOG.info("Hot reload is off (ferry.reload.enabled=false): route files are read at startup only");
            return;
        }
        Path folder = Path.of(ConfigValues.get(pc, "ferry.routes")).toAbsolutePath().normalize();
        check = new RouteFileCheck(new SettingsSource(pc), RouteTemplates::all);
        swap = new RouteSwap(context);
        watcher = new RoutesFolderWatcher(folder, Long.parseLong(ConfigValues.get(pc, "ferry.reload.debounce")),
                Long.parseLong(ConfigValues.get(pc, "ferry.reload.scan-interval")), this::reload);
        try {
            // learn which routes each file starts with (camel-main loads them), before watching for changes
            for (Path file : new TreeSet<>(watcher.files())) {
                CheckedFile started = check.check(file, Files.readAllBytes(file));
                applied.put(file, new Applied(digest(started.content()), started.content(), started.routeIds()));
            }
            // started and stopped with the context
            context.addService(watcher, true, true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot watch the route folder " + folder + " (ferry.routes): " + e.getMessage(), e);
        }
        LOG.info("Watching {} for route changes (ferry.reload.debounce={} ms)", folder, ConfigValues.get(pc, "ferry.reload.debounce"));
    }

    /** Applies the file as it is now on disk; called one file at a time by the watcher. */
    synchronized void reload(Path file) {
        Applied current = applied.get(file);
        byte[] content;
        try {
            content = Files.exists(file) ? Files.readAllBytes(file) : null;
        } catch (IOException e) {
            refuse(file, null, new Problem(file, 0, 0, "cannot read the file: " + e.getMessage()));
            return;
        }
        if (content == null) {
            removeFile(file, current);
            return;
        }
        String digest = digest(content);
        if (current != null && current.digest().equals(digest)) {
            // saved back to what runs (or touched): nothing to apply, and nothing wrong any more
            refusedDigests.remove(file);
            state.cleared(file);
            return;
        }
        if (digest.equals(refusedDigests.get(file))) {
            return;
        }
        long started = System.nanoTime();
        CheckedFile next = check.check(file, content);
        Set<String> oldIds = current == null ? Set.of() : current.routeIds();
        Problem problem = next.ok() ? duplicateId(next, oldIds) : next.problem();
        if (problem != null) {
            refuse(file, digest, problem);
            return;
        }
        try {
            waitIfStillInTransfer(file, oldIds);
            swap.replace(oldIds, next, current == null ? null : current.content());
        } catch (StillWorkingException e) {
            waitForWork(file, digest, e);
            return;
        } catch (Exception e) {
            refuse(file, digest, ProblemReason.of(file, content, e));
            return;
        }
        settled(file);
        applied.put(file, new Applied(digest, content, next.routeIds()));
        refusedDigests.remove(file);
        state.applied(file);
        LOG.info("Reloaded {}: routes {} running ({} ms)", file, new TreeSet<>(next.routeIds()),
                (System.nanoTime() - started) / 1_000_000);
    }

    private void removeFile(Path file, Applied current) {
        refusedDigests.remove(file);
        state.cleared(file);
        if (current == null) {
            return;
        }
        try {
            waitIfStillInTransfer(file, current.routeIds());
            swap.remove(current.routeIds());
            settled(file);
            applied.remove(file);
            state.applied(file);
            LOG.info("Removed {}: routes {} stopped and removed", file, new TreeSet<>(current.routeIds()));
        } catch (StillWorkingException e) {
            waitForWork(file, "removed", e);
        } catch (Exception e) {
            refuse(file, null, ProblemReason.of(file, current.content(), e));
        }
    }

    /** The file's change was applied or refused: no wait of it is left to report or time. */
    private void settled(Path file) {
        waitingDigests.remove(file);
        stopTried.remove(file);
    }

    /**
     * After a stop that ran out of time, the next tries leave the routes undisturbed while they have a file in transfer
     * (a stop takes no new file while it waits, and ends the waits of files waiting out a fault), and try a stop again
     * only once camel.main.shutdown-timeout has passed since the last one; the first try stops at once, as most
     * transfers are through within the timeout.
     */
    private void waitIfStillInTransfer(Path file, Set<String> routeIds) throws StillWorkingException {
        long now = System.nanoTime();
        Long last = stopTried.get(file);
        long timeout = context.getShutdownStrategy().getTimeUnit().toNanos(context.getShutdownStrategy().getTimeout());
        String busy = last == null ? null : swap.inTransfer(routeIds);
        if (busy != null && now - last < timeout) {
            throw new StillWorkingException(busy);
        }
        stopTried.put(file, now);
    }

    /**
     * The file's running routes have files in transfer (a big file): they go on undisturbed, and the change is looked
     * at again a moment later, until their files are through. Said once per change.
     */
    private void waitForWork(Path file, String digest, StillWorkingException e) {
        state.waiting(file, e.getMessage());
        if (!digest.equals(waitingDigests.put(file, digest))) {
            LOG.warn("Reload of {} waits: {}; the previous version keeps running and the change is applied once its "
                    + "files are through (looked at again every {} ms)", file, e.getMessage(), RETRY_MILLIS);
        }
        if (context.isRunAllowed() && !context.isStopping()) {
            watcher.again(file, RETRY_MILLIS);
        }
    }

    /** A route id the new version shares with a route it does not own (another file's, or Java's). */
    private Problem duplicateId(CheckedFile next, Set<String> ownIds) {
        Set<String> others = swap.runningIds();
        others.removeAll(ownIds);
        for (String id : new TreeSet<>(next.routeIds())) {
            if (others.contains(id)) {
                String owner = applied.entrySet().stream()
                        .filter(e -> e.getValue().routeIds().contains(id))
                        .map(e -> e.getKey().getFileName().toString()).findFirst().orElse("another route source");
                return ProblemReason.duplicate(next, id, owner);
            }
        }
        return null;
    }

    private void refuse(Path file, String digest, Problem problem) {
        settled(file);
        if (digest != null) {
            refusedDigests.put(file, digest);
        }
        state.refused(file, problem);
        LOG.error("Route file refused, the previous version keeps running: {}", problem);
    }

    private static String digest(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

}
