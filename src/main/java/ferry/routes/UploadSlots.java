package ferry.routes;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * How far ahead publish's poller may claim: a slot per file handed on to the uploads, twice their number, so each
 * upload has one file waiting and the poller waits (without uploading itself) for a slot before it takes the next.
 * The rest of the outbox stays free for other instances, and a poll does not look again at thousands of files
 * claimed and still waiting. A slot comes back when its file's exchange ends, however it ends.
 */
final class UploadSlots implements Processor {

    private final Semaphore slots;

    UploadSlots(int uploads) {
        this.slots = new Semaphore(2 * Math.max(1, uploads));
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        while (!slots.tryAcquire(100, TimeUnit.MILLISECONDS)) {
            org.apache.camel.ServiceStatus route = exchange.getContext().getRouteController().getRouteStatus(exchange.getFromRouteId());
            if (exchange.getContext().isStopping() || route == null || !route.isStarted()) {
                // stopping: the file goes on without a slot, as the files queued before it do
                return;
            }
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                slots.release();
            }
        });
    }
}
