package ferry.routes;

import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.Path;

import ferry.ledger.LedgerKey;
import org.apache.camel.DelegateEndpoint;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.GenericFileOnCompletion;
import org.apache.camel.spi.UnitOfWork;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends an exchange that was waiting to retry when Ferry (or its route) stopped, leaving its file where it was
 * (outbox or remote folder) and giving its ledger claim back, so the next start takes it at once. No verdict
 * is given: the file did not fail, so it neither goes to failed/ nor gets a .error report.
 */
final class LeftInPlace {

    private static final Logger LOG = LoggerFactory.getLogger(LeftInPlace.class);

    private LeftInPlace() {
    }

    static void leave(Exchange exchange) {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, "?", String.class);
        // camel-file's completion would move a failed exchange's file to failed/ (moveFailed): take it off the
        // exchange, and do the rest of what it does on a rollback here (forget the file as in progress)
        UnitOfWork uow = exchange.getUnitOfWork();
        if (uow != null) {
            uow.handoverSynchronization(new DefaultExchange(exchange.getContext()), s -> s instanceof GenericFileOnCompletion);
        }
        GenericFile<?> file = exchange.getProperty(ExchangePropertyKey.FILE_EXCHANGE_FILE, GenericFile.class);
        Endpoint from = exchange.getFromEndpoint() instanceof DelegateEndpoint ref ? ref.getEndpoint() : exchange.getFromEndpoint();
        if (file != null && from instanceof GenericFileEndpoint<?> files) {
            files.getInProgressRepository().remove(file.getAbsoluteFilePath());
        }
        closeQuietly(exchange.getMessage().getBody());
        String work = exchange.getMessage().getHeader("CamelFileLocalWorkPath", String.class);
        if (work != null) {
            try {
                Files.deleteIfExists(Path.of(work));
            } catch (java.io.IOException e) {
                // a leftover download in the work folder only costs disk; the original stays on the server
                LOG.debug("Could not remove work file {}: {}", work, e.getMessage());
            }
        }
        String key = exchange.getProperty(LedgerSteps.KEY, String.class);
        if (key != null) {
            try {
                LedgerSteps.ledger(exchange).release(LedgerKey.parse(key));
            } catch (java.sql.SQLException e) {
                // the claim then lapses with its lease; this instance's own next start takes it over at once
                LOG.warn("{}: could not give back the claim on {}: {}", exchange.getFromRouteId(), name, e.getMessage());
            }
        }
        exchange.setException(null);
        // Ferry's own remote folder consumer would otherwise take the ended exchange as delivered and move the file
        exchange.setProperty(ferry.ftplib.RemoteFolderConsumer.LEFT_IN_PLACE, true);
        // no further attempt and no failure handling: the exchange ends here, its file untouched
        exchange.setRouteStop(true);
        LOG.info("{}: stopping while {} waited to be retried: left where it was, taken again at the next start",
                exchange.getFromRouteId(), MailHeaders.safe(name));
    }

    private static void closeQuietly(Object body) {
        if (body instanceof Closeable c) {
            try {
                c.close();
            } catch (java.io.IOException e) {
                // the stream belongs to an exchange that ends now; nothing else reads it
                LOG.debug("Could not close the body of a stopped exchange: {}", e.getMessage());
            }
        }
    }
}
