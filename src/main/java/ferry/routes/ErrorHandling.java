package ferry.routes;

import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * The one error-handling configuration routes opt into ({@code routeConfigurationId: ferry-errors}).
 * A permanent refusal (5xx, refused login, bad address) goes to the failed folder with a .error report at
 * once. A temporary fault (server down, connection lost, timeout, 4xx) is retried with exponential
 * backoff for {@code ferry.retry.for} ms (by default for as long as it takes), the file staying where it is; a stop
 * during that wait leaves the file where it was, its claim given back (see RetryWait).
 */
public class ErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "ferry-errors";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(Exception.class)
                    .onWhen(FaultKind::isPermanent)
                    .maximumRedeliveries(0)
                    .logExhausted(false)
                    // not handled: the consumer then moves the file to its failed folder (moveFailed)
                    .process(new FailureReport())
                .end()
                .onException(Exception.class)
                    .retryWhile(new RetryBudget())
                    // the backoff (ferry.retry.delay doubled up to ferry.retry.max-delay) is RetryWait's, not Camel's:
                    // a stop during the wait leaves the file where it was at once, instead of waiting or failing it
                    .redeliveryDelay(0)
                    .onRedelivery(new RetryWait())
                    // Camel's line per attempt names neither the flow nor the file: RetryLog writes a readable one
                    .logRetryAttempted(false)
                    .logRetryStackTrace(false)
                    .logExhausted(false)
                    .process(new FailureReport())
                .end();
    }
}
