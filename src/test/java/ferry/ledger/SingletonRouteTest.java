package ferry.ledger;

import java.time.Duration;
import java.util.Map;

import ferry.support.FerryApp;
import ferry.support.Postgres;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Housekeeping (routePolicy: ferrySingleton) runs on one of two instances sharing a PostgreSQL ledger, and moves on a clean stop. */
class SingletonRouteTest {

    private static Map<String, String> settings(Postgres pg, String id) {
        return Map.of("ferry.ledger.url", pg.url(), "ferry.ledger.username", Postgres.USER,
                "ferry.ledger.password", Postgres.PASSWORD, "ferry.instance-id", id,
                "ferry.housekeeping.enabled", "true", "ferry.housekeeping.period", "60000");
    }

    private static boolean runsHousekeeping(FerryApp app) {
        return app.context().getRouteController().getRouteStatus("housekeeping").isStarted();
    }

    @Test
    void should_run_housekeeping_on_one_instance_at_a_time_and_hand_it_over_at_once_on_a_clean_stop() throws Exception {
        try (Postgres pg = Postgres.start()) {
            FerryApp first = FerryApp.start(settings(pg, "first"));
            try (FerryApp second = FerryApp.start(settings(pg, "second"))) {
                await().atMost(Duration.ofSeconds(10)).until(() -> runsHousekeeping(first));
                // the second instance follows for a while: a few of its leadership ticks
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                        .until(() -> runsHousekeeping(first) && !runsHousekeeping(second));
                first.close();
                // a clean stop resigns: no need to wait out the 10 s lease
                await().atMost(Duration.ofSeconds(4)).until(() -> runsHousekeeping(second));
                assertTrue(runsHousekeeping(second));
            } finally {
                first.close();
            }
            assertFalse(pg.log().contains("deadlock"), pg.log());
        }
    }
}
