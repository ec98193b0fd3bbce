package ferry.routes;

import java.util.List;

import org.apache.camel.RoutesBuilder;

/** The Java side the YAML flows build on: the error handling and the flow kinds (route templates), in one list. */
public final class RouteTemplates {

    private RouteTemplates() {
    }

    /**
     * Stand-ins for the beans the templates refer to, for a context that only checks route files
     * (reload guard, validate): their routes are created there but never run.
     */
    public static void bindStandIns(org.apache.camel.spi.Registry registry) {
        registry.bind(ferry.ledger.LedgerService.REPOSITORY,
                new org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository());
        // not a stand-in: the workflows' sftp: endpoints need Ferry's component to take the host key check
        registry.bind(ferry.ssh.CheckedSftpComponent.NAME, new ferry.ssh.CheckedSftpComponent());
        // the remote folders' consumers name it (see RemoteFolder.watcher); a checked route never polls
        registry.bind(PollFaultStrategy.BEAN, new PollFaultStrategy(new PollFaults()));
        // singleton routes name the leadership policy; a checked route never starts, so any policy will do
        registry.bind(ferry.ledger.LedgerService.SINGLETON, new org.apache.camel.support.RoutePolicySupport() {
        });
    }

    /** Fresh builders each time: a builder belongs to the one CamelContext it is added to. */
    public static List<RoutesBuilder> all() {
        return List.of(new ErrorHandling(), new PublishTemplate(), new FtpToMailTemplate(), new FetchTemplate(), new CollectTemplate(),
                new LocalToMailTemplate(), new RelayTemplate(),
                // the news workflows (nntplib steps), in a package of their own
                new ferry.news.NewsToMailTemplate(), new ferry.news.PostFilesTemplate());
    }
}
