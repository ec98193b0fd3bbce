package ferry.routes;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;

import ferry.config.WakeableScheduler;
import org.apache.camel.Consumer;
import org.apache.camel.component.file.FileEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox consumer's scheduler: polls every {@code delay} ms as before, and also at once when the file system
 * reports a new or changed file in the folder (Java's WatchService, inotify on Linux), so a dropped file starts
 * moving within milliseconds instead of at the next poll. The consumer's read lock still decides whether a file
 * has held still; the wake-up only makes it look sooner. Without a watch (the folder cannot be watched) polling
 * alone goes on.
 */
public class OutboxWake extends WakeableScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxWake.class);

    private Path folder;
    private WatchService watch;

    public OutboxWake(long delay) {
        super(delay);
    }

    @Override
    public void onInit(Consumer consumer) {
        super.onInit(consumer);
        if (consumer.getEndpoint() instanceof FileEndpoint file) {
            folder = file.getFile().toPath();
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (folder == null) {
            return;
        }
        try {
            // the file consumer creates its folder too, but only after its scheduler has started
            java.nio.file.Files.createDirectories(folder);
            WatchService service = FileSystems.getDefault().newWatchService();
            // not deletions: the consumer's own moves to the archive would wake it for nothing
            folder.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            watch = service;
            Thread thread = new Thread(() -> listen(service), "ferry-outbox-watch " + folder);
            thread.setDaemon(true);
            thread.start();
        } catch (IOException e) {
            // a folder that does not exist yet or a file system without events: the regular polls find its files
            LOG.info("{} cannot be watched ({}): files are found by polling alone", folder, e.getMessage());
        }
    }

    private void listen(WatchService service) {
        try {
            while (true) {
                WatchKey key = service.take();
                key.pollEvents();
                wake();
                if (!key.reset()) {
                    LOG.info("{} is no longer watched (removed?): files are found by polling alone", folder);
                    return;
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // stopped with the consumer
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (watch != null) {
            watch.close();
            watch = null;
        }
        super.doStop();
    }
}
