package ferry.reload;

import java.util.concurrent.TimeUnit;

/**
 * A route of a changed file still had files in work when its graceful stop ran out of time: it keeps running, as
 * Camel starts it again, and the change waits for a later try (a transfer cut short would be done again, or half
 * recorded).
 */
final class StillWorkingException extends Exception {

    StillWorkingException(String routeId, long timeout, TimeUnit unit) {
        super("route " + routeId + " still has files in work after " + timeout + " " + unit.toString().toLowerCase(java.util.Locale.ROOT)
                + " (camel.main.shutdown-timeout)");
    }
}
