package ferry.routes;

import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/**
 * Keeps retrying a temporary fault for {@code ferry.retry.for} milliseconds from the first failure
 * (a negative value: for as long as it takes), so an outage is waited out with the file kept in place.
 */
public class RetryBudget implements Predicate {

    static final String FIRST_FAILURE = "FerryFirstFailure";

    @Override
    public boolean matches(Exchange exchange) {
        long budget = Long.parseLong(exchange.getContext().resolvePropertyPlaceholders("{{ferry.retry.for}}").trim());
        long now = System.currentTimeMillis();
        Long first = exchange.getProperty(FIRST_FAILURE, Long.class);
        if (first == null) {
            exchange.setProperty(FIRST_FAILURE, now);
            first = now;
        }
        DeliveryFaults faults = exchange.getContext().getRegistry().lookupByNameAndType(DeliveryFaults.BEAN, DeliveryFaults.class);
        if (faults != null) {
            faults.retrying(exchange, exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        }
        return budget < 0 || now - first < budget;
    }
}
