package ferry.routes;

import ferry.ledger.Journal;
import ferry.ledger.Ledger;
import ferry.ledger.LedgerKey;
import org.apache.camel.DelegateEndpoint;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.util.URISupport;

/** The route steps' notes in the journal: each takes what it needs from the exchange, and never fails a delivery. */
public final class Journaling {

    private Journaling() {
    }

    /** Notes {@code event} for the exchange's file, when it has a ledger key. */
    public static void note(Exchange exchange, Journal.Event event, String detail) {
        note(exchange, event, detail, -1, -1);
    }

    static void note(Exchange exchange, Journal.Event event, String detail, long bytes, long millis) {
        String key = exchange.getProperty(LedgerSteps.KEY, String.class);
        Ledger ledger = LedgerSteps.ledger(exchange);
        if (key == null || ledger == null) {
            return;
        }
        ledger.journal().record(LedgerKey.parse(key), event, detail == null ? null : masked(detail), bytes, millis);
    }

    /**
     * The detail with any credentials masked. Camel's sanitizer runs regular expressions over the whole text, a cost
     * paid for each event of each file, so it runs only where something could hide: a parameter ({@code =}) or a
     * URL's user part ({@code ://...@}).
     */
    static String masked(String detail) {
        boolean parameters = detail.indexOf('=') >= 0;
        int scheme = detail.indexOf("://");
        boolean userInfo = scheme >= 0 && detail.indexOf('@', scheme) >= 0;
        return parameters || userInfo ? URISupport.sanitizeUri(detail) : detail;
    }

    /** Delivered: the server's reply (or the mail's Message-ID), the bytes and how long it took; then where it moved. */
    static void delivered(Exchange exchange) {
        String messageId = exchange.getMessage().getHeader(ferry.smtplib.SmtpLibProducer.MESSAGE_ID, String.class);
        String reply = exchange.getMessage().getHeader(ferry.ftplib.FtpLibProducer.REPLY_TEXT, String.class);
        String detail = messageId != null ? "Message-ID " + messageId : reply != null ? reply.trim() : "delivered";
        Long bytes = exchange.getMessage().getHeader(Exchange.FILE_LENGTH, Long.class);
        note(exchange, Journal.Event.DELIVERED, detail, bytes == null ? -1 : bytes, exchange.getClock().elapsed());
        String to = moveTarget(exchange);
        if (to != null) {
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onComplete(Exchange done) {
                    note(done, Journal.Event.MOVED, to);
                }
            });
        }
    }

    /** The endpoint whose consumer made the exchange, behind a {@code ref:} if the route named it so. */
    static Endpoint consumedFrom(Exchange exchange) {
        Endpoint from = exchange.getFromEndpoint();
        return from instanceof DelegateEndpoint ref ? ref.getEndpoint() : from;
    }

    /** Where the consumer moves a delivered file (its {@code move} option), relative to the source folder. */
    private static String moveTarget(Exchange exchange) {
        Endpoint from = consumedFrom(exchange);
        if (from instanceof GenericFileEndpoint<?> files && files.getMove() != null) {
            Expression move = files.getMove();
            String relative = move.evaluate(exchange, String.class);
            String parent = exchange.getMessage().getHeader(Exchange.FILE_PARENT, String.class);
            String host = exchange.getMessage().getHeader("CamelFileHost", String.class);
            String path = parent == null ? relative : java.nio.file.Path.of(parent).resolve(relative).normalize().toString();
            return host == null ? path : host + ":" + path;
        }
        return null;
    }
}
