package ferry.reload;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import ferry.routes.RetryWait;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.spi.InflightRepository;
import org.apache.camel.spi.ShutdownStrategy;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * Replaces the running routes of one file with its checked new version. Old routes stop gracefully
 * first (in-flight exchanges finish, a file consumer releases the files it has not started), so the new
 * consumer never sees a file the old one still holds; old routes whose files are still in work after the
 * shutdown timeout keep running, and nothing is replaced. If the new version fails to start after all, its
 * leftovers are removed and the previous version is started again.
 */
final class RouteSwap {

    private final CamelContext context;

    RouteSwap(CamelContext context) {
        this.context = context;
    }

    /** Route ids running now. */
    Set<String> runningIds() {
        Set<String> ids = new HashSet<>();
        for (Route route : context.getRoutes()) {
            ids.add(route.getRouteId());
        }
        return ids;
    }

    /**
     * What {@code routeIds} have in transfer right now ("route publish has 1 file in transfer"), or null; files
     * waiting out a fault do not count (a stop leaves them where they are at once).
     */
    String inTransfer(Collection<String> routeIds) {
        Map<String, Integer> busy = new TreeMap<>();
        for (InflightRepository.InflightExchange e : context.getInflightRepository().browse()) {
            if (routeIds.contains(e.getFromRouteId()) && !e.getExchange().getProperty(RetryWait.WAITING, false, Boolean.class)) {
                busy.merge(e.getFromRouteId(), 1, Integer::sum);
            }
        }
        if (busy.isEmpty()) {
            return null;
        }
        Map.Entry<String, Integer> first = busy.entrySet().iterator().next();
        return "route " + first.getKey() + " has " + first.getValue() + (first.getValue() == 1 ? " file" : " files") + " in transfer";
    }

    /**
     * Stops and removes {@code routeIds} (those not running are only removed). When one of them still has files in
     * work after camel.main.shutdown-timeout, none is removed, those stopped already run again, and
     * {@link StillWorkingException} says so.
     */
    void remove(Collection<String> routeIds) throws Exception {
        ShutdownStrategy shutdown = context.getShutdownStrategy();
        List<String> stopped = new ArrayList<>();
        for (String id : routeIds) {
            ServiceStatus status = context.getRouteController().getRouteStatus(id);
            if (status == null || status.isStopped()) {
                // a route gone already, or a disabled flow (autoStartup false): nothing to stop, nothing to start again
                continue;
            }
            // graceful: in-flight exchanges finish first, for up to camel.main.shutdown-timeout; a file still in
            // transfer then (a big one) is not cut short: the stop is abandoned and Camel starts the route again
            if (!context.getRouteController().stopRoute(id, shutdown.getTimeout(), shutdown.getTimeUnit(), true)) {
                for (String again : stopped) {
                    context.getRouteController().startRoute(again);
                }
                throw new StillWorkingException("route " + id + " still had files in transfer after " + shutdown.getTimeout()
                        + " " + shutdown.getTimeUnit().toString().toLowerCase(java.util.Locale.ROOT) + " (camel.main.shutdown-timeout)");
            }
            if (status.isStarted()) {
                stopped.add(id);
            }
        }
        for (String id : routeIds) {
            context.removeRoute(id);
        }
    }

    /** Stops and removes what a failed swap started: Camel's stop as is (forced after the timeout). */
    private void removeStarted(Collection<String> routeIds) throws Exception {
        for (String id : routeIds) {
            context.getRouteController().stopRoute(id);
            context.removeRoute(id);
        }
    }

    /**
     * @param oldIds   the routes the file runs now
     * @param next     the checked new version
     * @param previous the content that runs now (null for a new file), restarted if {@code next} fails
     */
    void replace(Collection<String> oldIds, CheckedFile next, byte[] previous) throws Exception {
        remove(oldIds);
        Set<String> before = runningIds();
        try {
            load(next.file(), next.content());
        } catch (Exception e) {
            Set<String> leftovers = runningIds();
            leftovers.removeAll(before);
            removeStarted(leftovers);
            if (previous != null) {
                load(next.file(), previous);
            }
            throw e;
        }
    }

    private void load(Path file, byte[] content) throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromBytes("file:" + file, content));
    }
}
