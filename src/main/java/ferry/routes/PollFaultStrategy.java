package ferry.routes;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.spi.RouteIdAware;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.apache.camel.util.URISupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll strategy (and consumer exception handler) of every polling workflow source, set per endpoint with
 * {@code pollStrategy=#ferryPollStrategy&exceptionHandler=#ferryPollStrategy}: any Camel
 * {@code ScheduledPollConsumer} reports its failed and working polls to {@link PollFaults} (health, one log line
 * per change of state, backoff) instead of a WARN line per poll.
 */
public class PollFaultStrategy implements PollingConsumerPollStrategy, ExceptionHandler {

    /** Registry name. */
    public static final String BEAN = "ferryPollStrategy";

    private static final Logger LOG = LoggerFactory.getLogger(PollFaultStrategy.class);

    private final PollFaults faults;
    /** The failure rollback just recorded on this thread: the consumer hands it to the exception handler next. */
    private final ThreadLocal<Throwable> recorded = new ThreadLocal<>();

    public PollFaultStrategy(PollFaults faults) {
        this.faults = faults;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        return faults.mayPoll(route(consumer, endpoint));
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        faults.polled(route(consumer, endpoint));
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        faults.failed(route(consumer, endpoint), URISupport.sanitizeUri(endpoint.getEndpointBaseUri()), cause,
                setting(endpoint, "ferry.retry.delay"), setting(endpoint, "ferry.retry.max-delay"));
        recorded.set(cause);
        // no immediate retry: the next scheduled poll comes after the backoff (see begin)
        return false;
    }

    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        if (exception != null && exception == recorded.get()) {
            // a failed poll: PollFaults logged it when the state changed, not again at every poll
            recorded.remove();
            return;
        }
        // anything else the consumer reports (a file it could not move, say) is logged as Camel would
        LOG.warn("{}", message == null ? "Error processing exchange" : message, exception);
    }

    private static String route(Consumer consumer, Endpoint endpoint) {
        String route = consumer instanceof RouteIdAware aware ? aware.getRouteId() : null;
        return route == null ? URISupport.sanitizeUri(endpoint.getEndpointBaseUri()) : route;
    }

    private static long setting(Endpoint endpoint, String key) {
        return Long.parseLong(endpoint.getCamelContext().resolvePropertyPlaceholders("{{" + key + "}}").trim());
    }
}
