package ferry.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import ferry.support.FerryApp;
import ferry.support.FtpAccount;
import ferry.support.TestFiles;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line against a running Ferry (through its console API) and against its ledger when none runs. */
class CliTest {

    /** What a command printed and its exit code. */
    record Result(int code, String out, String err) {
    }

    @Test
    void should_print_its_own_usage_and_exit_2_on_an_unknown_command() {
        Result help = run(null, "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("retry NAME|ID") && help.out().contains("--home DIR")
                && help.out().contains("Exit codes"), help.out());
        assertEquals(0, run(null, "help").code());
        Result unknown = run(null, "frobnicate");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("unknown command 'frobnicate'") && unknown.err().contains("Usage:"), unknown.err());
        // an option neither Ferry nor Camel Main knows is a usage error too, not Camel's help with exit code 0
        Result option = run(null, "--bogus");
        assertEquals(2, option.code());
        assertTrue(option.err().contains("unknown option '--bogus'") && option.err().contains("Usage:"), option.err());
        assertEquals("run", Cli.command(List.of("-duration", "5")));
    }

    @Test
    void should_list_retry_and_report_a_failed_file_and_read_the_ledger_when_ferry_is_stopped() throws Exception {
        Path home;
        String name = "cli é " + TestFiles.uniqueName(".txt");
        byte[] content = TestFiles.randomBytes(3_000);
        try (FerryApp app = FerryApp.start()) {
            home = home(app);
            FtpAccount.set(app, false, 0);
            app.drop(name, content);
            app.awaitFailureReport(name);
            await("the failure in the ledger").atMost(Duration.ofSeconds(10))
                    .until(() -> run(home, "files", "--failed", "--flow", "publish", name).out().contains(name));
            Result failed = run(home, "files", "--failed", name);
            assertEquals(0, failed.code(), failed.err());
            assertTrue(failed.out().lines().anyMatch(l -> l.startsWith("failed") && l.contains("publish") && l.contains(name)
                    && l.matches(".*55\\d.*")), failed.out());
            Result status = run(home, "status");
            assertEquals(1, status.code(), "a failed file makes status exit 1: " + status.out());
            assertTrue(status.out().contains("Ferry running") && status.out().contains("publish")
                    && status.out().contains("failed 1"), status.out());

            assertEquals(2, run(home, "retry").code(), "retry without a file is a usage error");
            assertEquals(2, run(home, "files", "--bogus").code());
            Result unknown = run(home, "discard", "no-such-file.txt");
            assertEquals(1, unknown.code());
            assertTrue(unknown.err().contains("no file with id no-such-file.txt"), unknown.err());

            FtpAccount.set(app, true, 0);
            Result retried = run(home, "retry", name);
            assertEquals(0, retried.code(), retried.err());
            assertTrue(retried.out().contains("put back"), retried.out());
            byte[] delivered = await("the retried file on the FTP server's disk (incoming/ or, mailed, incoming/.done/)")
                    .atMost(Duration.ofSeconds(30)).until(() -> app.published(name), b -> b != null && b.length == content.length);
            assertArrayEquals(content, delivered);
            await("the file listed as delivered").atMost(Duration.ofSeconds(10))
                    .until(() -> run(home, "files", "--delivered", "--flow", "publish", name).out().contains(name));
            // nothing failed or down any more: status exits 0
            Result healthy = await("status exiting 0").atMost(Duration.ofSeconds(20)).until(() -> run(home, "status"), r -> r.code() == 0);
            assertTrue(healthy.out().contains("failed 0") && healthy.out().contains("reloads: 0 applied, 0 refused"), healthy.out());
            // the servers reachable
            assertTrue(healthy.out().lines().anyMatch(l -> l.matches("server ftp-server +UP.*"))
                    && healthy.out().lines().anyMatch(l -> l.matches("server smtp-server +UP.*")), healthy.out());

            // discard one failed file, retry the others of a flow: what the page's buttons do
            FtpAccount.set(app, false, 0);
            String gone = "cli-discard " + TestFiles.uniqueName(".txt");
            String again = "cli-again " + TestFiles.uniqueName(".txt");
            app.drop(gone, TestFiles.randomBytes(100));
            app.drop(again, content);
            app.awaitFailureReport(gone);
            app.awaitFailureReport(again);
            await("both failures in the ledger").atMost(Duration.ofSeconds(10))
                    .until(() -> run(home, "files", "--failed", "cli-*").out().lines().filter(l -> l.startsWith("failed")).count() == 2);
            // by its ID this time, as 'files' shows it (state, flow, date, time, ID, name)
            String id = run(home, "files", "--failed", gone).out().lines().filter(l -> l.contains(gone)).findFirst().orElseThrow()
                    .split("\\s+")[4];
            Result discarded = run(home, "discard", id);
            assertEquals(0, discarded.code(), discarded.err());
            assertTrue(discarded.out().contains(gone + " discarded"), discarded.out());
            assertFalse(Files.exists(app.data("failed").resolve(gone)), "the failed copy deleted");
            FtpAccount.set(app, true, 0);
            Result all = run(home, "retry", "--failed", "--flow", "publish");
            assertEquals(0, all.code(), all.err());
            assertTrue(all.out().contains(again + " put back") && all.out().contains("1 failed file(s) retried"), all.out());
            await("the file retried with --failed on the FTP server's disk (incoming/ or, mailed, incoming/.done/)")
                    .atMost(Duration.ofSeconds(30)).until(() -> app.publishedSize(again) == content.length);
            assertEquals(List.of(), run(home, "files", "--failed", "cli-*").out().lines().filter(l -> l.startsWith("failed")).toList());
        }
        // no Ferry running: the ledger read-only, and said so
        Result offline = run(home, "files", "--delivered", name);
        assertEquals(0, offline.code(), offline.err());
        assertTrue(offline.out().startsWith("Ferry is not running") && offline.out().contains("read-only")
                && offline.out().contains(name), offline.out());
        Result status = run(home, "status");
        assertEquals(1, status.code());
        assertTrue(status.out().contains("Ferry is not running") && status.out().contains("delivered"), status.out());
        Result retry = run(home, "retry", "--failed");
        assertEquals(1, retry.code());
        assertTrue(retry.err().contains("Ferry is not running"), retry.err());
    }

    @Test
    void should_list_a_file_waiting_out_a_fault_and_exit_1_in_status_while_it_waits() throws Exception {
        try (FerryApp app = FerryApp.start()) {
            Path home = home(app);
            app.servers().ftp().stop();
            String name = "cli-waits " + TestFiles.uniqueName(".txt");
            app.drop(name, TestFiles.randomBytes(100));
            Result waiting = await("the file listed as waiting").atMost(Duration.ofSeconds(30))
                    .until(() -> run(home, "files", "--waiting", "--flow", "publish", "cli-waits*"), r -> r.out().contains(name));
            assertEquals(0, waiting.code(), waiting.err());
            assertTrue(waiting.out().lines().anyMatch(l -> l.startsWith("waiting") && l.contains("publish") && l.contains(name)
                    && l.contains("connect failed")), waiting.out());
            Result status = run(home, "status");
            assertEquals(1, status.code(), "a flow DOWN makes status exit 1: " + status.out());
            assertTrue(status.out().contains("waiting 1") && status.out().contains("DOWN"), status.out());

            // a name with a terminal escape and a line break (FTP cannot carry it: failed at once) prints as text
            String odd = "cli-odd \u001b[31mred\r" + TestFiles.uniqueName(".txt");
            app.drop(odd, TestFiles.randomBytes(10));
            Result failed = await("the odd name listed as failed").atMost(Duration.ofSeconds(30))
                    .until(() -> run(home, "files", "--failed", "cli-odd*"), r -> r.out().contains("cli-odd"));
            assertTrue(failed.out().contains("cli-odd \\u001b[31mred\\u000d" + odd.substring(odd.indexOf('\r') + 1)), failed.out());
            assertFalse(failed.out().contains("\u001b") || failed.out().contains("\r"), "a control character printed raw: " + failed.out());
        }
    }

    /** A home folder (--home) whose configuration points at the running app's management port and data. */
    private static Path home(FerryApp app) throws Exception {
        Path home = Files.createDirectories(Path.of("target", "cli-home-" + UUID.randomUUID()).toAbsolutePath());
        Path config = Files.createDirectories(home.resolve("config")).resolve("application.properties");
        Files.copy(Path.of("config", "application.properties"), config);
        // later lines win
        Files.writeString(config, "\ncamel.management.port = " + app.managementPort() + "\nferry.data = " + app.data() + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        return home;
    }

    private static Result run(Path home, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(List.of(args), home, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
