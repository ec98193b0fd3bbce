package ferry.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeCompletedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeFailedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.apache.camel.support.EventNotifierSupport;

import java.time.Duration;

/**
 * Counts what Ferry moves, per route: files delivered and failed, bytes delivered, how long each file took,
 * and mails sent or refused by the SMTP server (each attempt). Exchanges without a file (timers) are skipped.
 */
final class TransferMetrics extends EventNotifierSupport {

    private final MeterRegistry registry;

    TransferMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        // Camel times a send, and so tells that it was sent, only when a notifier takes its "sending" event
        return event instanceof ExchangeCompletedEvent || event instanceof ExchangeFailedEvent
                || event instanceof ExchangeSentEvent || event instanceof CamelEvent.ExchangeSendingEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.ExchangeSendingEvent) {
            return;
        }
        if (event instanceof ExchangeSentEvent sent) {
            mailSent(sent);
            return;
        }
        Exchange exchange = ((CamelEvent.ExchangeEvent) event).getExchange();
        String route = exchange.getFromRouteId();
        if (route == null || exchange.getMessage().getHeader(Exchange.FILE_NAME) == null) {
            return;
        }
        boolean delivered = event instanceof ExchangeCompletedEvent && !exchange.isFailed();
        Counter.builder("ferry.files").description("files taken by a route, by outcome")
                .tag("route", route).tag("result", delivered ? "delivered" : "failed").register(registry).increment();
        Timer.builder("ferry.transfer").description("time from taking a file to its outcome")
                .tag("route", route).register(registry).record(Duration.ofMillis(exchange.getClock().elapsed()));
        if (delivered) {
            Long size = exchange.getMessage().getHeader(Exchange.FILE_LENGTH, Long.class);
            Counter.builder("ferry.bytes").description("bytes of the files delivered").baseUnit("bytes")
                    .tag("route", route).register(registry).increment(size == null ? 0 : size);
        }
    }

    private void mailSent(ExchangeSentEvent sent) {
        org.apache.camel.Endpoint endpoint = sent.getEndpoint();
        // a flow sends through ref:{{mail}}, the endpoint built for its named mail server
        String uri = (endpoint instanceof org.apache.camel.DelegateEndpoint ref ? ref.getEndpoint() : endpoint).getEndpointUri();
        if (!uri.startsWith("smtp") && !uri.startsWith("smtps")) {
            return;
        }
        boolean refused = sent.getExchange().getException() != null;
        Counter.builder("ferry.mails").description("mails handed to the SMTP server, by outcome (each attempt)")
                .tag("result", refused ? "refused" : "sent").register(registry).increment();
    }
}
