package ferry.ledger;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The journal on a real embedded database file: events kept ferry.journal.keep-days, the older ones pruned. */
class JournalTest {

    private final String url = "jdbc:h2:file:" + Path.of("target", "test-data", "journal-" + UUID.randomUUID(), "ferry")
            .toAbsolutePath() + ";WRITE_DELAY=0";
    private final LedgerTest.MutableClock clock = new LedgerTest.MutableClock();

    @Test
    void should_prune_events_older_than_the_keep_days_when_started_and_keep_the_younger_ones() throws Exception {
        LedgerKey old = new LedgerKey("publish", "/data/outbox/old-" + UUID.randomUUID() + ".csv", 1, 1L);
        LedgerKey young = new LedgerKey("publish", "/data/outbox/young-" + UUID.randomUUID() + ".csv", 1, 1L);
        try (Ledger ledger = new Ledger(url, "", "", "a", 10_000, clock)) {
            ledger.journal().record(old, Journal.Event.SEEN, null);
            ledger.journal().record(old, Journal.Event.DELIVERED, "226 Transfer complete", 1, 5);
            clock.advance(Duration.ofDays(2));
            ledger.journal().record(young, Journal.Event.SEEN, null);
            ledger.journal().flush();
        }
        // 30 days and an hour after the old file's events, 28 days and an hour after the young one's
        clock.advance(Duration.ofDays(28).plusHours(1));
        try (Ledger ledger = new Ledger(url, "", "", "a", 10_000, clock)) {
            assertEquals(2, ledger.journal().journey(Journal.nameOf(old.source()), 100).size(), "kept until pruned");
            // keep-days 30, as ferry.journal.keep-days: the start prunes at once (then hourly)
            ledger.journal().start(30);
            await("the old file's events pruned").atMost(Duration.ofSeconds(10))
                    .until(() -> ledger.journal().journey(Journal.nameOf(old.source()), 100).isEmpty());
            assertEquals(1, ledger.journal().journey(Journal.nameOf(young.source()), 100).size(), "the young one kept");
            // a day later the young one is 29 days and an hour old: still kept
            clock.advance(Duration.ofDays(1));
            assertEquals(0, ledger.journal().prune());
            clock.advance(Duration.ofDays(1));
            assertEquals(1, ledger.journal().prune());
            assertEquals(0, ledger.journal().journey(Journal.nameOf(young.source()), 100).size());
        }
    }
}
