package ferry.routes;

import ferry.ftplib.FtpPermanentException;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * The one error-handling configuration routes opt into ({@code routeConfigurationId: ferry-errors}):
 * retries with exponential backoff, then the file is kept in the failed folder with a .error report.
 */
public class ErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "ferry-errors";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                // a permanent refusal will not change on retry: report it at once
                .onException(FtpPermanentException.class)
                    .maximumRedeliveries(0)
                    .logExhausted(false)
                    .process(new FailureReport())
                .end()
                .onException(Exception.class)
                    .maximumRedeliveries("{{ferry.retry.attempts}}")
                    .redeliveryDelay("{{ferry.retry.delay}}")
                    .useExponentialBackOff()
                    .backOffMultiplier(2)
                    .retryAttemptedLogLevel(LoggingLevel.WARN)
                    .logRetryAttempted(true)
                    .logExhausted(false)
                    // not handled: the consumer then moves the file to its failed folder (moveFailed)
                    .process(new FailureReport())
                .end();
    }
}
