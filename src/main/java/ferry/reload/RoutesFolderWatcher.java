package ferry.reload;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the route folder and reports a route file once it has been quiet for the debounce time, so a
 * save that writes in several steps is seen once, complete. Change events come from the file system's
 * watch service, and a periodic scan of sizes and times catches what events miss (network and some
 * container file systems). Reports run one at a time on a single thread.
 */
final class RoutesFolderWatcher extends ServiceSupport {

    static final String SUFFIX = ".camel.yaml";

    private static final Logger LOG = LoggerFactory.getLogger(RoutesFolderWatcher.class);

    private final Path folder;
    private final long debounceMillis;
    private final long scanMillis;
    private final Consumer<Path> onSettled;
    private final ScheduledExecutorService scheduler;
    private final Map<Path, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private final Map<Path, String> seen = new HashMap<>();
    private WatchService watchService;
    private Thread eventThread;

    RoutesFolderWatcher(Path folder, long debounceMillis, long scanMillis, Consumer<Path> onSettled) {
        this.folder = folder;
        this.debounceMillis = debounceMillis;
        this.scanMillis = scanMillis;
        this.onSettled = onSettled;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ferry-route-reload");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    protected void doStart() {
        seen.putAll(fingerprints());
        try {
            watchService = FileSystems.getDefault().newWatchService();
            folder.register(watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            eventThread = new Thread(this::takeEvents, "ferry-route-watch");
            eventThread.setDaemon(true);
            eventThread.start();
        } catch (IOException | UnsupportedOperationException e) {
            // the periodic scan still sees every change, only later
            LOG.warn("No change events for {} ({}): route files are scanned every {} ms instead", folder, e.getMessage(),
                    scanMillis);
        }
        scheduler.scheduleWithFixedDelay(this::scan, scanMillis, scanMillis, TimeUnit.MILLISECONDS);
    }

    /** The route files in the folder now. */
    Set<Path> files() {
        return new HashSet<>(fingerprints().keySet());
    }

    private void takeEvents() {
        try {
            while (true) {
                WatchKey key = watchService.take();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        scheduler.execute(this::scan);
                    } else if (event.context() instanceof Path name && isRouteFile(name)) {
                        changed(folder.resolve(name));
                    }
                }
                if (!key.reset()) {
                    LOG.warn("Route folder {} can no longer be watched: relying on the scan every {} ms", folder, scanMillis);
                    return;
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing: nothing more to watch
            Thread.currentThread().interrupt();
        }
    }

    private void scan() {
        Map<Path, String> now = fingerprints();
        Set<Path> all = new HashSet<>(now.keySet());
        all.addAll(seen.keySet());
        for (Path file : all) {
            if (!java.util.Objects.equals(now.get(file), seen.get(file))) {
                changed(file);
            }
        }
        seen.clear();
        seen.putAll(now);
    }

    /** (Re)starts the quiet period of a file: only the last change of a burst is reported. */
    private void changed(Path file) {
        pending.compute(file, (f, earlier) -> {
            if (earlier != null) {
                earlier.cancel(false);
            }
            return scheduler.schedule(() -> settle(f), debounceMillis, TimeUnit.MILLISECONDS);
        });
    }

    /** Reports {@code file} again after {@code delayMillis}, changed or not (a change that could not be applied yet). */
    void again(Path file, long delayMillis) {
        pending.compute(file, (f, earlier) -> earlier != null ? earlier
                : scheduler.schedule(() -> settle(f), delayMillis, TimeUnit.MILLISECONDS));
    }

    private void settle(Path file) {
        pending.remove(file);
        try {
            onSettled.accept(file);
        } catch (RuntimeException e) {
            // keep watching: one failed reload must not end hot reload for good
            LOG.error("Reloading {} failed unexpectedly: {}", file, e.toString(), e);
        }
    }

    private Map<Path, String> fingerprints() {
        Map<Path, String> result = new HashMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(p -> isRouteFile(p.getFileName())).forEach(p -> {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    result.put(p, a.size() + "@" + a.lastModifiedTime().toMillis() + "#" + a.fileKey());
                } catch (IOException e) {
                    // deleted between list and read: the next scan or event reports it
                    LOG.debug("Could not read {}: {}", p, e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.warn("Could not list the route folder {}: {}", folder, e.getMessage());
        }
        return result;
    }

    private static boolean isRouteFile(Path name) {
        return name.toString().endsWith(SUFFIX);
    }

    @Override
    protected void doStop() {
        scheduler.shutdownNow();
        if (watchService != null) {
            try {
                watchService.close();
            } catch (IOException e) {
                LOG.debug("Closing the watch service: {}", e.getMessage());
            }
        }
    }
}
