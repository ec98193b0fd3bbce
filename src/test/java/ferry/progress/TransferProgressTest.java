package ferry.progress;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The wording of a progress line: bytes done, share, rate and time left. */
class TransferProgressTest {

    @Test
    void should_report_bytes_done_rate_and_time_left() {
        TransferProgress p = new TransferProgress("publish: uploading big.iso", 400L << 20, 5);
        p.add(100L << 20);
        long tenSecondsLater = System.nanoTime() + 10_000_000_000L;
        String line = p.line(tenSecondsLater);
        // 100 MiB in ~10 s: ~10 MiB/s, 300 MiB left: ~30 s
        assertEquals(true, line.startsWith("publish: uploading big.iso: 100.0 MiB of 400.0 MiB (25.0%), "), line);
        assertEquals(true, line.matches(".*, (9|10)\\.\\d MiB/s, about 0:(29|30|31) left"), line);
    }
}
