package ferry.ledger;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The ledger's claim rules on a real embedded database file. */
class LedgerTest {

    private final String url = "jdbc:h2:file:" + Path.of("target", "test-data", "ledger-" + UUID.randomUUID(), "ferry")
            .toAbsolutePath() + ";WRITE_DELAY=0";
    private final MutableClock clock = new MutableClock();
    private final LedgerKey key = new LedgerKey("publish", "/data/outbox/a.csv", 42, 1700000000000L);

    @Test
    void should_claim_a_new_file_once_and_keep_others_out_until_the_lease_runs_out() throws Exception {
        try (Ledger a = new Ledger(url, "", "", "a", 10_000, clock); Ledger b = new Ledger(url, "", "", "b", 10_000, clock)) {
            assertEquals(Ledger.Claim.NEW, a.claim(key));
            assertEquals(Ledger.Claim.BUSY, b.claim(key));
            clock.advance(Duration.ofSeconds(5));
            a.heartbeat();
            clock.advance(Duration.ofSeconds(9));
            assertEquals(Ledger.Claim.BUSY, b.claim(key), "the heartbeat should have kept the claim");
            clock.advance(Duration.ofSeconds(2));
            assertEquals(Ledger.Claim.RETAKEN, b.claim(key), "a lapsed lease is taken over");
            assertEquals(Ledger.Claim.BUSY, a.claim(key));
        }
    }

    @Test
    void should_claim_at_most_a_share_of_a_listing_in_one_go_and_leave_the_rest_to_the_next_instance() throws Exception {
        java.util.List<LedgerKey> listing = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            listing.add(new LedgerKey("ftp-to-mail", "incoming/f" + i, i, 1700000000000L));
        }
        try (Ledger a = new Ledger(url, "", "", "a", 10_000, clock); Ledger b = new Ledger(url, "", "", "b", 10_000, clock)) {
            java.util.List<Ledger.Claim> first = a.claimAll(listing, 10);
            assertEquals(java.util.Collections.nCopies(10, Ledger.Claim.NEW), first, "the first ten of the listing");
            // b lists the same folder: a's ten are busy and do not count against b's share
            java.util.List<Ledger.Claim> second = b.claimAll(listing, 10);
            assertEquals(20, second.size(), "b tried a's ten, then claimed ten of its own");
            assertEquals(10, second.stream().filter(c -> c == Ledger.Claim.BUSY).count());
            assertEquals(10, second.stream().filter(c -> c == Ledger.Claim.NEW).count());
            assertEquals(Ledger.Claim.BUSY, a.claim(listing.get(15)), "b's claims are committed");
            try (Ledger c = new Ledger(url, "", "", "c", 10_000, clock)) {
                assertEquals(5, c.claimAll(listing, 10).stream().filter(x -> x == Ledger.Claim.NEW).count(),
                        "a third instance gets the last five");
            }
            assertEquals(25, a.count(Ledger.State.CLAIMED));
        }
    }

    @Test
    void should_commit_deliveries_recorded_at_the_same_time_by_parallel_workers() throws Exception {
        try (Ledger a = new Ledger(url, "", "", "a", 10_000, clock)) {
            java.util.List<LedgerKey> keys = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                keys.add(new LedgerKey("ftp-to-mail", "incoming/d" + i, i, 1L));
            }
            a.claimAll(keys, keys.size());
            java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(8);
            try {
                java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
                for (LedgerKey k : keys) {
                    done.add(workers.submit(() -> {
                        a.delivered(k, k.messageId());
                        // returned: the record is committed, so the source may be moved now
                        assertEquals(Ledger.State.DELIVERED, a.state(k).orElseThrow());
                        return null;
                    }));
                }
                for (java.util.concurrent.Future<?> f : done) {
                    f.get();
                }
            } finally {
                workers.shutdownNow();
            }
        }
        try (Ledger again = new Ledger(url, "", "", "a", 10_000, clock)) {
            assertEquals(40, again.count(Ledger.State.DELIVERED), "every delivery survived a reopening");
        }
    }

    @Test
    void should_never_hand_out_a_delivered_file_again_even_after_reopening() throws Exception {
        try (Ledger a = new Ledger(url, "", "", "a", 10_000, clock)) {
            a.claim(key);
            a.delivered(key, key.messageId());
        }
        try (Ledger again = new Ledger(url, "", "", "a", 10_000, clock)) {
            assertEquals(Ledger.State.DELIVERED, again.state(key).orElseThrow());
            assertEquals(Ledger.Claim.DELIVERED, again.claim(key));
            assertEquals(1, again.count(Ledger.State.DELIVERED));
        }
    }

    @Test
    void should_let_a_failed_file_be_retried_and_its_own_leftover_be_resumed_after_a_restart() throws Exception {
        LedgerKey other = new LedgerKey("publish", "/data/outbox/b.csv", 7, 1L);
        try (Ledger a = new Ledger(url, "", "", "a", 10_000, clock)) {
            a.claim(key);
            a.failed(key, "550 refused");
            a.claim(other);
        }
        // same instance name after a crash: its claims are its own, no need to wait for the lease
        try (Ledger a = new Ledger(url, "", "", "a", 10_000, clock); Ledger b = new Ledger(url, "", "", "b", 10_000, clock)) {
            assertEquals(Ledger.Claim.BUSY, b.claim(key), "a failed file is not retried on every poll");
            assertEquals(Ledger.Claim.RETAKEN, a.claim(other));
            clock.advance(Duration.ofHours(2));
            assertEquals(Ledger.Claim.RETAKEN, b.claim(key), "a failed file is tried again after a while");
        }
    }

    @Test
    void should_leave_the_move_of_a_delivered_file_to_its_live_owner_and_finish_it_once_that_owner_is_gone() throws Exception {
        try (Ledger a = new Ledger(url, "", "", "a", 10_000, clock); Ledger b = new Ledger(url, "", "", "b", 10_000, clock)) {
            a.claim(key);
            a.delivered(key, key.messageId());
            assertEquals(Ledger.Claim.BUSY, b.claim(key), "a is moving the file right now");
            assertEquals(Ledger.Claim.DELIVERED, a.claim(key), "its own delivered file, after a restart");
            clock.advance(Duration.ofSeconds(11));
            assertEquals(Ledger.Claim.DELIVERED, b.claim(key), "a died before the move: b finishes it, without sending again");
        }
    }

    @Test
    void should_forget_a_claim_released_before_anything_happened() throws Exception {
        try (Ledger a = new Ledger(url, "", "", "a", 10_000, clock)) {
            a.claim(key);
            a.release(key);
            assertEquals(java.util.Optional.empty(), a.state(key));
        }
    }

    @Test
    void should_not_count_a_death_while_a_claimed_file_was_only_queued_and_count_it_once_its_attempt_started() throws Exception {
        try (Ledger a = new Ledger(url, "", "", "a", 10_000, clock)) {
            // a poll's batch: claimed, queued behind other files, when the instance is killed
            assertEquals(Ledger.Claim.NEW, a.claim(key, false));
        }
        try (Ledger a = new Ledger(url, "", "", "a", 10_000, clock)) {
            assertEquals(Ledger.Claim.RETAKEN, a.claim(key, false));
            assertEquals(0, a.row(key).orElseThrow().diedAttempts(), "a queued file did nothing to cause the death");
            a.attemptStarted(key);
        }
        try (Ledger a = new Ledger(url, "", "", "a", 10_000, clock)) {
            assertEquals(Ledger.Claim.RETAKEN, a.claim(key, false));
            assertEquals(1, a.row(key).orElseThrow().diedAttempts(), "its attempt was at work when the instance died");
        }
    }

    @Test
    void should_count_attempts_that_died_with_their_instance_but_not_deaths_during_a_retry_wait_or_a_stop() throws Exception {
        try (Ledger a = new Ledger(url, "", "", "a", 10_000, clock)) {
            assertEquals(3, a.maxDiedAttempts(), "the default");
            a.claim(key);
        }
        // killed mid-attempt, twice: each restart takes the file over and counts the attempt that died
        for (int died = 1; died <= 2; died++) {
            try (Ledger a = new Ledger(url, "", "", "a", 10_000, clock)) {
                assertEquals(Ledger.Claim.RETAKEN, a.claim(key));
                assertEquals(died, a.row(key).orElseThrow().diedAttempts());
            }
        }
        try (Ledger a = new Ledger(url, "", "", "a", 10_000, clock)) {
            // killed while it only waited out a server outage: not the file's doing
            a.retryWait(key, true);
        }
        try (Ledger a = new Ledger(url, "", "", "a", 10_000, clock)) {
            assertEquals(Ledger.Claim.RETAKEN, a.claim(key));
            assertEquals(2, a.row(key).orElseThrow().diedAttempts());
            // a stop gives the claim back without a verdict: RELEASED, taken at once, nothing counted
            a.release(key);
            assertEquals(Ledger.State.RELEASED, a.state(key).orElseThrow());
            assertEquals(Ledger.Claim.RETAKEN, a.claim(key));
            assertEquals(2, a.row(key).orElseThrow().diedAttempts());
        }
        try (Ledger a = new Ledger(url, "", "", "a", 10_000, clock)) {
            assertEquals(Ledger.Claim.RETAKEN, a.claim(key));
            assertEquals(3, a.row(key).orElseThrow().diedAttempts(), "the third death: the workflow now fails the file");
            a.failed(key, "3 attempts died");
            a.movedAway(key);
            // a user put the failed file back: a new attempt, its count of deaths starts again
            assertEquals(Ledger.Claim.RETAKEN, a.claim(key));
            assertEquals(new Ledger.Row(Ledger.State.CLAIMED, 0, true, false), a.row(key).orElseThrow());
        }
    }

    @Test
    void should_take_a_failed_file_at_once_when_it_is_put_back_after_being_moved_away() throws Exception {
        LedgerKey stuck = new LedgerKey("ftp-to-mail", "ftp://h:21/incoming/b.csv", 7, 1L);
        try (Ledger a = new Ledger(url, "", "", "a", 10_000, clock); Ledger b = new Ledger(url, "", "", "b", 10_000, clock)) {
            a.claim(key);
            a.failed(key, "550 refused");
            a.movedAway(key);
            assertEquals(Ledger.Claim.RETAKEN, b.claim(key), "moved to failed/, then put back by a user");
            b.claim(stuck);
            b.failed(stuck, "550 refused");
            assertEquals(Ledger.Claim.BUSY, a.claim(stuck), "could not be moved away: not failed again on every poll");
        }
    }

    @Test
    void should_give_every_attempt_of_a_file_the_same_message_id() {
        LedgerKey same = LedgerKey.parse(key.toString());
        assertEquals(key.messageId(), same.messageId());
        assertEquals(key, LedgerKey.parse("publish|/data/outbox/a.csv|42|1700000000000"));
        assertEquals("/odd|name", LedgerKey.parse("ftp-to-mail|/odd|name|1|2").source());
    }

    /** A clock the test moves forward, so lease expiry needs no waiting. */
    @Test
    void should_keep_the_rename_pending_mark_of_a_first_claim_given_back() throws Exception {
        try (Ledger a = new Ledger(url, "", "", "a", 10_000, clock)) {
            assertEquals(Ledger.Claim.NEW, a.claim(key));
            a.attemptStarted(key);
            // the upload was complete; the rename's reply was lost; then the flow stopped while the file waited
            a.renamePending(key);
            a.release(key);
            assertEquals(Ledger.State.RELEASED, a.row(key).orElseThrow().state(), "the claim was forgotten with its mark");
            assertEquals(Ledger.Claim.RETAKEN, a.claim(key));
            org.junit.jupiter.api.Assertions.assertTrue(a.row(key).orElseThrow().renamePending(),
                    "the next attempt must look on the server before uploading again");
        }
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
