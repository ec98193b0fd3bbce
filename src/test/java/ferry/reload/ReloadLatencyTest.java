package ferry.reload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import ferry.support.FerryApp;
import ferry.support.ProbeRoute;
import ferry.support.TestFiles;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Save-to-new-version latency with the shipped reload settings: 20 edits of a timer route, each timed
 * from the end of the save until the new version has written its output.
 */
class ReloadLatencyTest {

    private static final int EDITS = 20;

    @Test
    void should_apply_each_of_20_edits_within_two_seconds() throws Exception {
        try (FerryApp app = FerryApp.start()) {
            ProbeRoute probe = new ProbeRoute(app, TestFiles.uniqueName("-latency"));
            probe.save(probe.yaml("v0"));
            await().atMost(Duration.ofSeconds(5)).until(() -> probe.running().equals("v0"));
            List<Long> millis = new ArrayList<>();
            for (int i = 1; i <= EDITS; i++) {
                String version = "v" + i;
                probe.save(probe.yaml(version));
                long saved = System.nanoTime();
                await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                        .until(() -> probe.running().equals(version));
                millis.add((System.nanoTime() - saved) / 1_000_000);
            }
            List<Long> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            long median = (sorted.get(EDITS / 2 - 1) + sorted.get(EDITS / 2)) / 2;
            long worst = sorted.get(EDITS - 1);
            System.out.printf("reload latency over %d edits (save -> new route consuming): median %d ms, worst %d ms,"
                    + " all %s%n", EDITS, median, worst, millis);
            assertTrue(worst <= 2000, "worst " + worst + " ms: " + millis);
        }
    }
}
