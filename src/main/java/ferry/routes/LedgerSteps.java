package ferry.routes;

import ferry.ledger.Ledger;
import ferry.ledger.LedgerKey;
import ferry.ledger.LedgerRepository;
import ferry.ledger.LedgerService;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The workflows' ledger steps: know the file's key, skip what is already delivered, record a delivery. */
public final class LedgerSteps {

    public static final String KEY = "FerryLedgerKey";
    public static final String ALREADY_DELIVERED = "FerryAlreadyDelivered";

    private static final Logger LOG = LoggerFactory.getLogger(LedgerSteps.class);

    private LedgerSteps() {
    }

    /** Marks the exchange when the ledger says this file was delivered before a crash cut the move short. */
    public static void check(Exchange exchange) throws Exception {
        String text = exchange.getProperty(KEY, String.class);
        LedgerKey key = LedgerKey.parse(text);
        boolean delivered = !(repository(exchange) instanceof LedgerRepository claims && claims.claimedAfresh(text))
                && ledger(exchange).state(key).filter(s -> s == Ledger.State.DELIVERED).isPresent();
        exchange.setProperty(ALREADY_DELIVERED, delivered);
        if (delivered) {
            LOG.info("{}: {} was delivered before (ledger); finishing its move without sending it again",
                    exchange.getFromRouteId(), key.source());
        }
    }

    public static void delivered(Exchange exchange) throws Exception {
        LedgerKey key = LedgerKey.parse(exchange.getProperty(KEY, String.class));
        ledger(exchange).delivered(key, exchange.getMessage().getHeader("Message-ID", String.class));
        // the journey: delivered (reply, bytes, duration), then moved where the consumer puts it
        Journaling.delivered(exchange);
    }

    private static Object repository(Exchange exchange) {
        return exchange.getContext().getRegistry().lookupByName(LedgerService.REPOSITORY);
    }

    static Ledger ledger(Exchange exchange) {
        return exchange.getContext().getRegistry().lookupByNameAndType(LedgerService.LEDGER, Ledger.class);
    }
}
