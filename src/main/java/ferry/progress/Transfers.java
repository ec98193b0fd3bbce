package ferry.progress;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

/** The transfers under way now, by exchange id, so the console can show bytes done, rate and time left. */
public final class Transfers {

    /** Registry name. */
    public static final String BEAN = "ferryTransfers";

    private final Map<String, TransferProgress> running = new ConcurrentHashMap<>();

    /** Follows {@code progress} until the exchange ends (a retry's fresh progress replaces the previous one). */
    public void track(Exchange exchange, TransferProgress progress) {
        String id = exchange.getExchangeId();
        if (running.put(id, progress) == null) {
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    running.remove(id);
                }
            });
        }
    }

    public TransferProgress of(String exchangeId) {
        return running.get(exchangeId);
    }
}
