package ferry.ledger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded ledger's writes survive a crash that kept them from the database file: the database is shut down
 * the way a kill -9 leaves it (no store of its pending pages), and the next open recovers them from the log.
 */
class WriteAheadLogTest {

    /** H2 stores in the background only after an hour: what reaches its file before the crash is only what we ask. */
    private static final int NO_BACKGROUND_STORE = 3_600_000;

    private final Path folder = Path.of("target", "test-data", "wal-" + UUID.randomUUID()).toAbsolutePath();
    private final LedgerTest.MutableClock clock = new LedgerTest.MutableClock();
    private final LedgerKey delivered = new LedgerKey("publish", "/data/outbox/delivered.csv", 42, 1700000000000L);
    private final LedgerKey uploading = new LedgerKey("publish", "/data/outbox/uploading.csv", 43, 1700000000000L);
    private final LedgerKey failed = new LedgerKey("ftp-to-mail", "ftp://h:21/incoming/bad.bin", 44, 1700000000000L);

    @Test
    void should_recover_every_write_a_crash_kept_from_the_database_file() throws Exception {
        Files.createDirectories(folder);
        Ledger before = Ledger.embedded(folder, NO_BACKGROUND_STORE, "a", 10_000, clock);
        before.claim(delivered);
        before.delivered(delivered, "<m1@ferry>");
        before.claim(uploading);
        before.attemptStarted(uploading);
        before.renamePending(uploading);
        before.claimAll(java.util.List.of(failed), 10);
        before.failed(failed, "550 no such file");
        crash();

        // the database file alone has lost them: this is what the log is for
        try (Ledger plain = new Ledger(url(), "", "", "probe", 10_000, clock)) {
            assertEquals(Optional.empty(), plain.state(delivered), "the crash should have kept the writes from the database file");
        }
        try (Ledger after = Ledger.embedded(folder, NO_BACKGROUND_STORE, "a", 10_000, clock)) {
            assertEquals(Optional.of(Ledger.State.DELIVERED), after.state(delivered));
            assertEquals("<m1@ferry>", after.file(delivered.hash()).orElseThrow().messageId());
            Ledger.Row row = after.row(uploading).orElseThrow();
            assertEquals(Ledger.State.CLAIMED, row.state());
            assertTrue(row.renamePending(), "the upload was complete under its hidden name");
            assertEquals(Ledger.State.FAILED, after.state(failed).orElseThrow());
            assertEquals(0, Files.size(Ledger.writeAheadLog(folder)), "recovered, stored, and the log emptied");
        }
    }

    @Test
    void should_count_an_attempt_that_died_with_its_instance_after_recovering_it() throws Exception {
        Files.createDirectories(folder);
        Ledger before = Ledger.embedded(folder, NO_BACKGROUND_STORE, "a", 10_000, clock);
        before.claim(uploading, false);
        before.attemptStarted(uploading);
        crash();
        clock.advance(java.time.Duration.ofSeconds(11));
        try (Ledger after = Ledger.embedded(folder, NO_BACKGROUND_STORE, "b", 10_000, clock)) {
            assertEquals(Ledger.Claim.RETAKEN, after.claim(uploading));
            assertEquals(1, after.row(uploading).orElseThrow().diedAttempts(), "the attempt at work died with instance a");
        }
    }

    @Test
    void should_ignore_a_record_cut_short_by_the_crash_and_keep_the_ones_before_it() throws Exception {
        Files.createDirectories(folder);
        Ledger before = Ledger.embedded(folder, NO_BACKGROUND_STORE, "a", 10_000, clock);
        before.claim(delivered);
        before.delivered(delivered, null);
        crash();
        // the start of a record whose write the kill cut short
        Files.write(Ledger.writeAheadLog(folder), new byte[] {0, 0, 1, 0, 7, 7, 7}, StandardOpenOption.APPEND);
        try (Ledger after = Ledger.embedded(folder, NO_BACKGROUND_STORE, "a", 10_000, clock)) {
            assertEquals(Optional.of(Ledger.State.DELIVERED), after.state(delivered));
            after.claim(uploading);
        }
        try (Ledger again = Ledger.embedded(folder, NO_BACKGROUND_STORE, "a", 10_000, clock)) {
            assertEquals(Optional.of(Ledger.State.CLAIMED), again.state(uploading), "a clean close stored the rest");
        }
    }

    @Test
    void should_keep_writes_a_checkpoint_stored_though_the_log_was_emptied() throws Exception {
        Files.createDirectories(folder);
        Ledger before = Ledger.embedded(folder, NO_BACKGROUND_STORE, "a", 10_000, clock);
        // claims until the log was full once (a checkpoint stored it and emptied it), then a few more in the log
        int n = 0;
        long size = 0;
        boolean checkpointed = false;
        while (!checkpointed || n % 100 != 0) {
            before.claim(new LedgerKey("publish", "/data/outbox/f" + n + ".csv", n, 1700000000000L));
            n++;
            long now = Files.size(Ledger.writeAheadLog(folder));
            checkpointed |= now < size;
            size = now;
            assertTrue(n < 100_000, "the log was never checkpointed; it holds " + size + " bytes");
        }
        assertTrue(size > 0, "claims after the checkpoint are in the log");
        crash();
        try (Ledger after = Ledger.embedded(folder, NO_BACKGROUND_STORE, "a", 10_000, clock)) {
            assertEquals(n, after.count(Ledger.State.CLAIMED), "claims stored by a checkpoint and claims in the log after it");
        }
    }

    @Test
    void should_keep_the_journal_out_of_the_log_and_still_store_it() throws Exception {
        Files.createDirectories(folder);
        try (Ledger ledger = Ledger.embedded(folder, NO_BACKGROUND_STORE, "a", 10_000, clock)) {
            ledger.claim(delivered);
            long logged = Files.size(Ledger.writeAheadLog(folder));
            ledger.journal().record(delivered, Journal.Event.CLAIMED, "by a");
            ledger.journal().flush();
            assertEquals(logged, Files.size(Ledger.writeAheadLog(folder)), "a journal event is not a durable write");
        }
        try (Ledger again = Ledger.embedded(folder, NO_BACKGROUND_STORE, "a", 10_000, clock)) {
            assertEquals(1, again.journal().journeyOf(delivered.hash()).size(), "stored when the ledger closed");
        }
    }

    @Test
    void should_recover_when_the_database_is_opened_again_underneath_a_running_ledger() throws Exception {
        Files.createDirectories(folder);
        try (Ledger ledger = Ledger.embedded(folder, NO_BACKGROUND_STORE, "a", 10_000, clock)) {
            for (int i = 0; i < 5; i++) {
                ledger.claim(new LedgerKey("publish", "/data/outbox/f" + i + ".csv", i, 1700000000000L));
            }
            // the database closes without storing (as after a failed store), and the ledger's next call reopens it
            crash();
            // its own claim, taken again (NEW would mean the claim was lost with the database's memory)
            assertEquals(Ledger.Claim.RETAKEN, ledger.claim(new LedgerKey("publish", "/data/outbox/f0.csv", 0, 1700000000000L)),
                    "f0's claim was lost");
            assertEquals(5, ledger.count(Ledger.State.CLAIMED));
        }
        try (Ledger again = Ledger.embedded(folder, NO_BACKGROUND_STORE, "a", 10_000, clock)) {
            assertEquals(5, again.count(Ledger.State.CLAIMED), "every claim survived the reopening and the close");
        }
    }

    @Test
    void should_refuse_a_log_that_does_not_continue_the_database_beside_it() throws Exception {
        Files.createDirectories(folder);
        Path backup = folder.resolveSibling(folder.getFileName() + "-backup.mv.db");
        try (Ledger first = Ledger.embedded(folder, NO_BACKGROUND_STORE, "a", 10_000, clock)) {
            first.claim(delivered);
        }
        Files.copy(folder.resolve("ferry.mv.db"), backup);
        try (Ledger second = Ledger.embedded(folder, NO_BACKGROUND_STORE, "a", 10_000, clock)) {
            second.claim(uploading);
        }
        Ledger third = Ledger.embedded(folder, NO_BACKGROUND_STORE, "a", 10_000, clock);
        third.claim(failed);
        crash();
        // an older database file put back beside the newer log
        Files.copy(backup, folder.resolve("ferry.mv.db"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        java.sql.SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                () -> Ledger.embedded(folder, NO_BACKGROUND_STORE, "a", 10_000, clock));
        assertTrue(refused.getMessage().contains("does not continue the database"), refused.getMessage());
        assertTrue(Files.size(Ledger.writeAheadLog(folder)) > 0, "the log is kept for the operator to decide");
    }

    /**
     * A real ledger a kill -9 left (a CI run of NewsCrashTest, H2 2.5.252): its database file holds the primary key
     * entry of transaction 37, cut short by the kill, without the row, so replaying transaction 37's insert failed as
     * a duplicate and Ferry could not start. The file is rebuilt from its rows and the whole log replayed.
     */
    @Test
    void should_rebuild_a_database_file_that_refuses_its_log_after_a_crash() throws Exception {
        Files.createDirectories(folder);
        for (String name : List.of("ferry.mv.db", "ferry.wal")) {
            try (java.io.InputStream in = getClass().getResourceAsStream("/ferry/ledger/damaged-by-kill/" + name)) {
                Files.copy(in, folder.resolve(name));
            }
        }
        try (Ledger ledger = Ledger.embedded(folder, NO_BACKGROUND_STORE, "news-crash", 10_000, clock)) {
            // 11 rows stored, 7 inserted by the log's transactions 37 to 60
            assertEquals(18, ledger.files(null, null, null, 100).size());
            assertEquals(Ledger.State.DELIVERED, ledger.file("c247a8031604").orElseThrow().state(), "transaction 37's file");
            assertEquals(Ledger.State.CLAIMED, ledger.file("383f4a16").orElseThrow().state(), "the log's last transaction");
            assertEquals(0, Files.size(Ledger.writeAheadLog(folder)), "replayed, stored, and the log emptied");
        }
        try (java.util.stream.Stream<Path> kept = Files.list(folder)) {
            assertEquals(1, kept.filter(p -> p.getFileName().toString().startsWith("ferry.mv.db.damaged-")).count(),
                    "the damaged file kept beside the rebuilt one");
        }
    }

    /**
     * The same damaged file with nothing left to replay (the kill came before the transaction reached the log): the
     * stray key would hold its file's claim for ever, so a start after a crash checks the keys and rebuilds.
     */
    @Test
    void should_rebuild_a_database_file_with_a_stray_key_after_a_crash_with_nothing_to_replay() throws Exception {
        Files.createDirectories(folder);
        try (java.io.InputStream in = getClass().getResourceAsStream("/ferry/ledger/damaged-by-kill/ferry.mv.db")) {
            Files.copy(in, folder.resolve("ferry.mv.db"));
        }
        // the mark an open ledger leaves, found at a start: the last run did not close it
        Files.writeString(folder.resolve("ferry.running"), "news-crash");
        try (Ledger ledger = Ledger.embedded(folder, NO_BACKGROUND_STORE, "news-crash", 10_000, clock)) {
            assertEquals(Optional.empty(), ledger.file("c247a8031604"), "the key cut short by the kill, gone with the rebuild");
            assertEquals(11, ledger.files(null, null, null, 100).size(), "the rows the file held");
        }
        assertFalse(Files.exists(folder.resolve("ferry.running")), "closed: no mark left");
        try (java.util.stream.Stream<Path> kept = Files.list(folder)) {
            assertEquals(1, kept.filter(p -> p.getFileName().toString().startsWith("ferry.mv.db.damaged-")).count());
        }
    }

    @Test
    void should_not_log_a_write_that_changed_nothing() throws Exception {
        Files.createDirectories(folder);
        try (Ledger ledger = Ledger.embedded(folder, NO_BACKGROUND_STORE, "a", 10_000, clock)) {
            long before = Files.size(Ledger.writeAheadLog(folder));
            assertEquals(0, ledger.heartbeat(), "no claims to extend");
            assertEquals(before, Files.size(Ledger.writeAheadLog(folder)));
        }
    }

    /** What a kill -9 leaves: the database closed without storing what it holds in memory. */
    @Test
    void should_record_what_an_interrupted_thread_did_and_keep_recording_for_the_others() throws Exception {
        // a worker that a forced route stop interrupted finishes its file and records it; a file channel written on
        // an interrupted thread closes for good, and with it every later write of the ledger
        Files.createDirectories(folder);
        Ledger before = Ledger.embedded(folder, NO_BACKGROUND_STORE, "a", 10_000, clock);
        before.claim(delivered);
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean stillInterrupted = new java.util.concurrent.atomic.AtomicBoolean();
        Thread worker = new Thread(() -> {
            Thread.currentThread().interrupt();
            try {
                before.delivered(delivered, "<m1@ferry>");
            } catch (Throwable e) {
                failure.set(e);
            }
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        worker.start();
        worker.join();
        assertEquals(null, failure.get(), "the interrupted thread's delivery record");
        assertTrue(stillInterrupted.get(), "the thread is told of its interrupt all the same");
        before.claim(uploading);
        before.attemptStarted(uploading);
        crash();

        try (Ledger after = Ledger.embedded(folder, NO_BACKGROUND_STORE, "a", 10_000, clock)) {
            assertEquals(Optional.of(Ledger.State.DELIVERED), after.state(delivered), "recorded by the interrupted thread");
            assertEquals(Optional.of(Ledger.State.CLAIMED), after.state(uploading), "recorded after it, by another thread");
        }
    }

    private void crash() throws Exception {
        try (Connection db = DriverManager.getConnection(url(), "", ""); Statement st = db.createStatement()) {
            st.execute("SHUTDOWN IMMEDIATELY");
        } catch (java.sql.SQLException e) {
            // the connection ends with the database
        }
    }

    private String url() {
        return "jdbc:h2:file:" + folder.resolve("ferry");
    }
}
