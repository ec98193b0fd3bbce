package ferry.routes;

import ferry.ledger.AttemptsDiedException;
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
    /** Set when the file failed before and was put back: its old .error report goes once it is delivered. */
    static final String FAILED_BEFORE = "FerryFailedBefore";

    private static final Logger LOG = LoggerFactory.getLogger(LedgerSteps.class);

    private LedgerSteps() {
    }

    /**
     * Marks the exchange when the ledger says this file was delivered before a crash cut the move short; fails it
     * for good when its attempts died with their instance too often (see {@link AttemptsDiedException}).
     */
    public static void check(Exchange exchange) throws Exception {
        String text = exchange.getProperty(KEY, String.class);
        LedgerKey key = LedgerKey.parse(text);
        // the same for every attempt at this file, also after a kill -9: an upload's hidden part file is then
        // overwritten by the next attempt instead of being left on the server
        exchange.setProperty(ferry.ftplib.FtpLibProducer.ATTEMPT_TOKEN, key.hash().substring(0, 32));
        Ledger ledger = ledger(exchange);
        boolean fresh = repository(exchange) instanceof LedgerRepository claims && claims.claimedAfresh(text);
        Ledger.Row row = fresh ? null : ledger.row(key).orElse(null);
        boolean delivered = row != null && row.state() == Ledger.State.DELIVERED;
        exchange.setProperty(ALREADY_DELIVERED, delivered);
        exchange.setProperty(FAILED_BEFORE, row != null && row.failedBefore());
        exchange.setProperty(ferry.ftplib.FtpLibProducer.RENAME_PENDING, row != null && row.renamePending());
        exchange.setProperty(ferry.ftplib.FtpLibProducer.BEFORE_RENAME, (Runnable) () -> {
            try {
                ledger.renamePending(key);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("the ledger could not record the upload of " + key.source()
                        + " as complete, so it is not renamed into place: " + e.getMessage(), e);
            }
        });
        if (delivered) {
            LOG.info("{}: {} was delivered before (ledger); finishing its move without sending it again",
                    exchange.getFromRouteId(), key.source());
        } else if (row != null && row.diedAttempts() >= ledger.maxDiedAttempts()) {
            throw new AttemptsDiedException(key, row.diedAttempts(), ledger.maxDiedAttempts());
        } else {
            // from here a death of this instance is this attempt's: counted when the file is taken over
            ledger.attemptStarted(key);
        }
    }

    public static void delivered(Exchange exchange) throws Exception {
        LedgerKey key = LedgerKey.parse(exchange.getProperty(KEY, String.class));
        ledger(exchange).delivered(key, exchange.getMessage().getHeader(ferry.smtplib.SmtpLibProducer.MESSAGE_ID, String.class));
        // the journey: delivered (reply, bytes, duration), then moved where the consumer puts it
        Journaling.delivered(exchange);
        if (exchange.getProperty(FAILED_BEFORE, false, Boolean.class)) {
            // a failed file put back and now delivered: its report no longer describes anything
            String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
            java.nio.file.Path report = FailureReport.failedFolder(exchange).resolve(name + ".error");
            if (java.nio.file.Files.deleteIfExists(report)) {
                LOG.info("{}: {} delivered on a new attempt; removed its old {}", exchange.getFromRouteId(), name, report);
            }
        }
    }

    private static Object repository(Exchange exchange) {
        return exchange.getContext().getRegistry().lookupByName(LedgerService.REPOSITORY);
    }

    static Ledger ledger(Exchange exchange) {
        return exchange.getContext().getRegistry().lookupByNameAndType(LedgerService.LEDGER, Ledger.class);
    }
}
