package ferry.ftplib;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells the watchers of a remote folder in this JVM that a file was just stored there, so a flow that takes files
 * from the folder another flow (or an ftplib step) uploads into looks at once instead of at its next poll: publish
 * then ftp-to-mail on one server hands a file on within milliseconds, not up to a poll delay later. A wake-up is
 * only a hint (the watcher lists and claims as always); a folder named differently by the two (a path through a
 * link, a relative path after a cwd) just gets no hint, and its poll finds the file.
 */
public final class FolderArrivals {

    private static final Map<String, Set<Runnable>> WATCHERS = new ConcurrentHashMap<>();

    private FolderArrivals() {
    }

    /** Calls {@code wake} whenever a file is stored into {@code folder} on the server of {@code settings}; close to stop. */
    public static AutoCloseable watch(FtpSettings settings, String folder, Runnable wake) {
        String key = key(settings, folder);
        WATCHERS.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(wake);
        return () -> WATCHERS.computeIfPresent(key, (k, wakes) -> {
            wakes.remove(wake);
            return wakes.isEmpty() ? null : wakes;
        });
    }

    /** A file now stands complete under {@code path} on the server of {@code settings}. */
    static void stored(FtpSettings settings, String path) {
        if (WATCHERS.isEmpty()) {
            return;
        }
        int slash = path.lastIndexOf('/');
        String folder = slash < 0 ? "" : slash == 0 ? "/" : path.substring(0, slash);
        Set<Runnable> wakes = WATCHERS.get(key(settings, folder));
        if (wakes != null) {
            wakes.forEach(Runnable::run);
        }
    }

    // the same server (as the same user: a relative folder is under that user's login folder) and the same folder
    private static String key(FtpSettings settings, String folder) {
        String normal = folder.length() > 1 && folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
        if (normal.equals(".")) {
            normal = "";
        }
        return settings.protocol() + "://" + settings.username() + "@" + settings.host() + ":" + settings.port() + "|" + normal;
    }
}
