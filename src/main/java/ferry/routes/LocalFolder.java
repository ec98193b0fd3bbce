package ferry.routes;

import ferry.ledger.LedgerService;
import org.apache.camel.builder.endpoint.StaticEndpointBuilders;
import org.apache.camel.builder.endpoint.dsl.FileEndpointBuilderFactory;
import org.apache.camel.model.RouteTemplateDefinition;

/**
 * A flow's local source folder (the outbox): its options, and the consumer that takes a file once it holds still,
 * claims it in the ledger and moves it to {@code done} (or {@code failed}) when the route is through with it.
 */
final class LocalFolder {

    /** The template bean with the flow's include/exclude filter: {@code filter=#{{names}}}. */
    static final String NAMES = "names";
    /** The template bean of the outbox consumer's scheduler: {@code scheduler=#{{outboxWake}}}. */
    static final String WAKE = "outboxWake";
    /** The ledger key of a local file; the flow's name comes first, so two flows never share a claim. */
    static final String LEDGER_KEY = "{{flow}}|${file:absolute.path}|${file:size}|${header.CamelFileLastModified}";

    private LocalFolder() {
    }

    static void parameters(RouteTemplateDefinition template) {
        template.templateParameter("outbox", "{{ferry.data}}/outbox", "local folder the flow takes files from")
                .templateParameter("done", "../archive/${date:now:yyyy-MM-dd}", "where a delivered file goes (relative to the outbox)")
                .templateParameter("failed", "../failed", "where a file that cannot be delivered goes, with its .error (relative to the outbox)")
                .templateParameter("stableTime", "{{ferry.outbox.stable-time}}", "a file is taken once unchanged for this long (ms)");
        Polling.parameters(template, "{{ferry.outbox.poll-delay}}");
        template.templateBean(NAMES, NameFilter.class, NameFilter::of)
                .templateBean(WAKE, OutboxWake.class, rtc -> new OutboxWake(Long.parseLong(RemoteFolder.value(rtc, "pollDelay"))));
    }

    /** The outbox consumer of a flow made with {@link #parameters}. */
    static FileEndpointBuilderFactory.FileEndpointConsumerBuilder source() {
        return StaticEndpointBuilders.file("{{outbox}}")
                // "changed": size and time must hold still for one interval, so half-copied files wait
                .readLock("changed")
                // look again every 100 ms, so a file is taken as soon as it has held still long enough
                .readLockCheckInterval(100)
                // a file already unchanged for that long is taken at once, without another wait
                .readLockMinAge("{{stableTime}}")
                .readLockMinLength(0)
                // no .camelLock marker: it would not fit beside a name at the 255-byte limit; the ledger claims files
                .readLockMarkerFile(false)
                // polls every pollDelay ms, and at once when a file appears (see OutboxWake)
                .scheduler("#{{" + WAKE + "}}")
                // claim a few files per poll, not the whole folder, so other instances get a share;
                // greedy: poll again at once while there is work
                .maxMessagesPerPoll("{{maxFilesPerPoll}}")
                .greedy(true)
                .filter("#{{" + NAMES + "}}")
                .move("{{done}}/${file:name}")
                .moveFailed("{{failed}}/${file:name}")
                // the ledger claims each file before it is taken (see LedgerRepository)
                .idempotent(true)
                .idempotentKey(LEDGER_KEY)
                .idempotentRepository("#" + LedgerService.REPOSITORY);
    }
}
