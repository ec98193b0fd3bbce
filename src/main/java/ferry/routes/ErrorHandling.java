package ferry.routes;

import ferry.progress.UploadProgress;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * The one error-handling configuration routes opt into ({@code routeConfigurationId: ferry-errors}).
 * A permanent refusal (5xx, refused login, bad address) goes to the failed folder with a .error report at
 * once. A temporary fault (server down, connection lost, timeout, 4xx) is retried with exponential
 * backoff for {@code ferry.retry.for} ms (by default for as long as it takes), the file staying where it is.
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
                    // an upload's stream was consumed by the failed attempt: give the next one a fresh stream
                    .onRedelivery(UploadProgress::rewind)
                    .redeliveryDelay("{{ferry.retry.delay}}")
                    .maximumRedeliveryDelay("{{ferry.retry.max-delay}}")
                    .useExponentialBackOff()
                    .backOffMultiplier(2)
                    .retryAttemptedLogLevel(LoggingLevel.WARN)
                    .logRetryAttempted(true)
                    .logRetryStackTrace(false)
                    .logExhausted(false)
                    .process(new FailureReport())
                .end();
    }
}
