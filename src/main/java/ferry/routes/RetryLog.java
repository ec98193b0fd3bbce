package ferry.routes;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.apache.camel.Exchange;
import org.apache.camel.util.URISupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The log's line for a file waiting out a temporary fault, instead of Camel's "Failed delivery for (MessageId: ...).
 * On delivery attempt: N" per attempt, which names neither the flow nor the file. One WARN line when the file
 * starts waiting, naming flow, file, servers, reason and the next attempt, and another only when the reason
 * changes; the same fault's further attempts are at DEBUG (an outage would otherwise write a line per file every
 * {@code ferry.retry.max-delay}). The console, {@code ferry files --waiting} and health show the attempts live.
 */
final class RetryLog {

    private static final Logger LOG = LoggerFactory.getLogger(RetryLog.class);
    /** Exchange property: the reason of the last WARN line, so a repeat of it goes to DEBUG. */
    private static final String LOGGED = "FerryRetryLogged";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private RetryLog() {
    }

    /** Attempt {@code attempt} failed with a temporary fault; the next one comes in {@code delayMillis}. */
    static void failedAttempt(Exchange exchange, int attempt, long delayMillis) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String message = cause == null ? "unknown" : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String reason = FailureReport.oneLine(URISupport.sanitizeUri(message));
        String servers = exchange.getProperty(DeliveryFaults.SERVERS, String.class);
        String name = MailHeaders.safe(exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, "?", String.class));
        boolean news = !reason.equals(exchange.getProperty(LOGGED, String.class));
        if (news) {
            exchange.setProperty(LOGGED, reason);
        }
        // a new reason at WARN, the same one again at DEBUG
        LOG.atLevel(news ? Level.WARN : Level.DEBUG).log("{}: {} waiting out a fault (attempt {} failed{}): {}; next attempt at {}",
                exchange.getFromRouteId(), name, attempt, servers == null ? "" : ", " + servers, reason,
                TIME.format(Instant.now().plusMillis(delayMillis)));
    }
}
