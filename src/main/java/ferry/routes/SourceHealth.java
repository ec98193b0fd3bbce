package ferry.routes;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.component.file.remote.RemoteFilePollingConsumerPollStrategy;

/**
 * camel-ftp's recovery after a failed poll (disconnect, log in again next time), which also tells health that
 * the flow cannot reach its source folder, naming the flow, its server and the reply, until a poll succeeds.
 */
final class SourceHealth extends RemoteFilePollingConsumerPollStrategy {

    private final String flow;
    private final String servers;
    private final String folder;

    SourceHealth(String flow, String server, String folder) {
        this.flow = flow;
        this.servers = "server " + server;
        this.folder = folder;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        DeliveryFaults faults = faults(endpoint);
        if (faults != null) {
            faults.sourceUp(flow);
        }
        super.commit(consumer, endpoint, polledMessages);
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception e) throws Exception {
        DeliveryFaults faults = faults(endpoint);
        if (faults != null) {
            faults.sourceDown(flow, servers, folder, e);
        }
        return super.rollback(consumer, endpoint, retryCounter, e);
    }

    private static DeliveryFaults faults(Endpoint endpoint) {
        // bound by Observability; absent in a context that only checks route files
        return endpoint.getCamelContext().getRegistry().lookupByNameAndType(DeliveryFaults.BEAN, DeliveryFaults.class);
    }
}
