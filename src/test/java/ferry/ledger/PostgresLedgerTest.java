package ferry.ledger;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ferry.support.FerryApp;
import ferry.support.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The same ledger code on a real PostgreSQL: racing migrations, racing claims, leader leases, a clear startup error. */
class PostgresLedgerTest {

    private static Postgres pg;

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = Postgres.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    private Ledger open(String owner) throws Exception {
        return new Ledger(pg.url(), Postgres.USER, Postgres.PASSWORD, owner, 10_000, Clock.systemUTC());
    }

    @Test
    void should_create_the_schema_once_when_three_instances_start_together_and_hand_out_each_file_once() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Ledger>> opening = new ArrayList<>();
            for (String owner : List.of("a", "b", "c")) {
                opening.add(pool.submit(() -> open(owner)));
            }
            List<Ledger> ledgers = new ArrayList<>();
            for (Future<Ledger> f : opening) {
                ledgers.add(f.get());
            }
            try (Statement st = pg.connect().createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*), MAX(version) FROM ferry_schema")) {
                rs.next();
                assertEquals(Ledger.SCHEMA_VERSION, rs.getInt(1), "one row per migration step, not one per instance");
                assertEquals(Ledger.SCHEMA_VERSION, rs.getInt(2));
            }
            // every instance claims the same 300 files at once: each must be NEW for exactly one of them
            Map<String, String> winners = new ConcurrentHashMap<>();
            List<Callable<Void>> racers = new ArrayList<>();
            for (Ledger ledger : ledgers) {
                racers.add(() -> {
                    for (int i = 0; i < 300; i++) {
                        LedgerKey key = new LedgerKey("race", "/inbox/f" + i, i, 1L);
                        if (ledger.claim(key) == Ledger.Claim.NEW) {
                            String before = winners.putIfAbsent(key.source(), ledger.owner());
                            assertEquals(null, before, key + " claimed twice");
                        }
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(racers)) {
                f.get();
            }
            assertEquals(300, winners.size());
            for (Ledger ledger : ledgers) {
                ledger.close();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void should_give_leadership_to_one_instance_and_to_another_when_it_resigns() throws Exception {
        try (Ledger a = open("leader-a"); Ledger b = open("leader-b")) {
            LeaderLeases la = new LeaderLeases(a);
            LeaderLeases lb = new LeaderLeases(b);
            assertTrue(la.hold("ns-test"));
            assertFalse(lb.hold("ns-test"), "a live lease is never shared");
            assertTrue(la.hold("ns-test"), "the holder renews");
            assertEquals("leader-a", lb.leader("ns-test").orElseThrow());
            la.resign("ns-test");
            assertTrue(lb.hold("ns-test"));
            assertFalse(la.hold("ns-test"));
        }
    }

    @Test
    void should_stop_at_startup_naming_the_ledger_url_but_not_its_password_when_the_database_is_unreachable() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:1/ferry?password=url-Secret-99";
        Exception e = assertThrows(Exception.class, () -> FerryApp.start(Map.of("ferry.ledger.url", url,
                "ferry.ledger.username", "ferry", "ferry.ledger.password", "prop-Secret-98")).close());
        String message = root(e);
        assertTrue(message.contains("jdbc:postgresql://127.0.0.1:1/ferry?password=xxxxxx"), message);
        assertTrue(message.contains("ferry.ledger.url"), message);
        assertFalse(message.contains("url-Secret-99") || message.contains("prop-Secret-98"), message);
    }

    @Test
    void should_refuse_a_second_running_instance_under_the_same_name() throws Exception {
        Map<String, String> settings = Map.of("ferry.ledger.url", pg.url(), "ferry.ledger.username", Postgres.USER,
                "ferry.ledger.password", Postgres.PASSWORD, "ferry.instance-id", "twin", "ferry.ledger.lease", "2000");
        try (FerryApp first = FerryApp.start(settings)) {
            Exception e = assertThrows(Exception.class, () -> FerryApp.start(settings).close());
            String message = root(e);
            assertTrue(message.contains("ferry.instance-id 'twin' is in use by another running instance"), message);
            assertTrue(first.context().getStatus().isStarted(), "the first instance carries on");
        }
        // stopped cleanly, the name is free at once
        FerryApp.start(settings).close();
    }

    private static String root(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            all.append(t.getMessage()).append(" | ");
        }
        return all.toString();
    }
}
