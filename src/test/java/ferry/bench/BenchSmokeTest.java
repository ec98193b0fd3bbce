package ferry.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Keeps the benchmark working: runs {@code bench/run smoke} (small data set, one run per case: the peers and
 * Ferry's jar against the benchmark's own vsftpd and SMTP sink) and checks that it exits 0 and that every case
 * that ran was verified. The figures are not checked: on a shared CI machine they say nothing.
 *
 * <p>It needs {@code target/ferry.jar}, which the shade plugin builds in {@code package}, after surefire's
 * {@code test} phase; so maven-failsafe runs it in {@code integration-test} (see pom.xml), which sets
 * {@code ferry.bench.smoke}. Surefire skips it (it is excluded there; with {@code -Dtest=BenchSmokeTest} it is
 * reported as skipped and failsafe runs it).
 */
class BenchSmokeTest {

    private static final long TIMEOUT_SECONDS = 240;

    @Test
    void smoke_benchmark_runs_and_verifies_every_case() throws Exception {
        assumeTrue(Boolean.getBoolean("ferry.bench.smoke"),
                "runs in maven-failsafe's integration-test phase, once target/ferry.jar is packaged");
        assumeTrue("root".equals(System.getProperty("user.name")),
                "bench/run needs root (throwaway FTP user, vsftpd): skipped");
        // bench/run installs nothing: bin/test does (vsftpd, lftp, curl, aiosmtpd)
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/vsftpd")), "vsftpd is not installed (bin/test installs it): skipped");
        Path jar = Path.of("target", "ferry.jar");
        assertTrue(Files.isRegularFile(jar), "target/ferry.jar missing: run through mvn verify (package comes first)");

        Path runDir = Files.createTempDirectory("ferry-bench-smoke-");
        Path log = runDir.resolve("bench.out");
        Process p = new ProcessBuilder("bench/run", "smoke", "--run-dir", runDir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            // SIGTERM: the harness stops its vsftpd, sink and Ferry in its finally block
            p.destroy();
            p.waitFor(60, TimeUnit.SECONDS);
            throw new AssertionError("bench/run smoke took over " + TIMEOUT_SECONDS + " s:\n" + tail(log));
        }
        assertEquals(0, p.exitValue(), "bench/run smoke failed:\n" + tail(log));

        List<String> cases = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("CASE ")).toList();
        assertFalse(cases.isEmpty(), "no case reported:\n" + tail(log));
        for (String c : cases) {
            assertTrue(c.endsWith(": verified") || c.contains(": n/a"), c + "\n" + tail(log));
        }
        // the workflows that exist in every build must have run, not been skipped
        for (String must : List.of("ferry publish_big", "ferry publish_small", "ferry bench_mail", "ferry ftp_to_mail",
                "ferry latency", "ferry chain", "ferry chain_warm")) {
            assertTrue(cases.contains("CASE " + must + ": verified"), must + " not verified:\n" + tail(log));
        }
        String table = Files.readString(runDir.resolve("smoke.md"));
        assertTrue(table.contains("| work | best peer |"), "no table");
        // the table in the test output; the run folder (logs only: bulk data is removed by the harness) goes
        System.out.println(table);
        try (var files = Files.walk(runDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
