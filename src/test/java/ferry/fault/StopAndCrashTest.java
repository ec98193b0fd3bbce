package ferry.fault;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import ferry.embedded.EmbeddedFtpServer;
import ferry.ledger.Ledger;
import ferry.ledger.LedgerKey;
import ferry.support.FerryNode;
import ferry.support.QuirkyFtpServer;
import ferry.support.QuirkyFtpServer.Quirk;
import ferry.support.TestFiles;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.TransferRatePermission;
import org.apache.ftpserver.usermanager.impl.WritePermission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ferry as its own JVM stopped with Ctrl-C during a retry wait, and killed with SIGKILL in the middle of an upload:
 * the file stays where it was (or goes to failed/ with a report once its attempts died too often), the ledger
 * says so, and no hidden part file of Ferry's is left on the server.
 */
class StopAndCrashTest {

    private final List<AutoCloseable> running = new ArrayList<>();
    private final Path base = Path.of("target", "test-data", "stop-" + TestFiles.uniqueName("")).toAbsolutePath();
    private final Path data = base.resolve("ferry");

    @AfterEach
    void stopAll() throws Exception {
        for (AutoCloseable c : running) {
            c.close();
        }
    }

    @Test
    void should_leave_a_file_waiting_to_be_retried_in_the_outbox_when_stopped_and_deliver_it_after_a_restart() throws Exception {
        int closed = closedPort();
        String name = TestFiles.uniqueName(".bin");
        byte[] content = TestFiles.randomBytes(5000);
        // long waits between attempts, so the stop falls into one
        FerryNode first = start("stop-1", closed, "fault", "fault-pw", "-Dferry.retry.delay=1000", "-Dferry.retry.max-delay=60000");
        Path dropped = drop(name, content);
        LedgerKey key = new LedgerKey("publish", dropped.toString(), content.length, Files.getLastModifiedTime(dropped).toMillis());
        await().atMost(Duration.ofSeconds(60)).until(() -> first.log().contains("publish: " + name + " waiting out a fault"));

        Duration stop = first.interrupt(Duration.ofSeconds(90));

        // Camel's shutdown timeout is 30 s: a stop that waited for the retry would take at least that
        assertTrue(stop.compareTo(Duration.ofSeconds(20)) < 0, "the stop took " + stop + ": " + first.log());
        assertTrue(Files.exists(dropped), "the waiting file left the outbox: " + first.log());
        assertFalse(Files.exists(data.resolve("failed").resolve(name)), "moved to failed/");
        assertFalse(Files.exists(data.resolve("failed").resolve(name + ".error")), "reported as failed");
        try (Ledger ledger = ledger()) {
            assertNotEquals(java.util.Optional.of(Ledger.State.CLAIMED), ledger.state(key), "the claim was not given back");
            assertEquals(0, ledger.count(Ledger.State.CLAIMED));
        }

        EmbeddedFtpServer ftp = ftpServer();
        FerryNode second = start("stop-2", ftp.getPort(), "fault", "fault-pw");
        Path incoming = ftp.getRoot().resolve("incoming");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertArrayEquals(content, onServer(incoming, name),
                name + " not delivered after the restart"));
        await().atMost(Duration.ofSeconds(20)).until(() -> !Files.exists(dropped));

        // the same from a remote folder: ftp-to-mail waits to retry the mail (the mail server is down) when stopped
        await().atMost(Duration.ofSeconds(60)).until(() -> second.log().contains("ftp-to-mail: " + name + " waiting out a fault"));
        Duration remoteStop = second.interrupt(Duration.ofSeconds(90));
        assertTrue(remoteStop.compareTo(Duration.ofSeconds(20)) < 0, "the stop took " + remoteStop + ": " + second.log());
        assertTrue(Files.exists(incoming.resolve(name)), "the waiting file left the server folder: " + second.log());
        assertFalse(Files.exists(incoming.resolve(".failed").resolve(name)), "moved to .failed/");
        assertFalse(Files.exists(data.resolve("failed").resolve(name + ".error")), "reported as failed");
        try (Ledger ledger = ledger()) {
            assertEquals(0, ledger.count(Ledger.State.CLAIMED), "a claim was not given back");
        }
    }

    @Test
    void should_fail_a_file_whose_attempt_died_with_ferry_too_often_and_keep_running() throws Exception {
        EmbeddedFtpServer ftp = ftpServer();
        String name = TestFiles.uniqueName(".bin");
        FerryNode first = start("died-1", ftp.getPort(), "slow", "slow-pw");
        drop(name, TestFiles.randomBytes(1_000_000));
        Path incoming = ftp.getRoot().resolve("incoming");
        // the upload is under way (its hidden part file is growing) when the instance dies
        await().atMost(Duration.ofSeconds(60)).until(() -> partFiles(incoming).size() == 1);
        first.kill();

        FerryNode second = start("died-2", ftp.getPort(), "slow", "slow-pw", "-Dferry.ledger.max-died-attempts=1");
        Path report = data.resolve("failed").resolve(name + ".error");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(report) && Files.exists(data.resolve("failed").resolve(name)));
        String text = Files.readString(report);
        assertTrue(text.contains("ended with Ferry's process") && text.contains("ferry.ledger.max-died-attempts"), text);
        assertFalse(Files.exists(data.resolve("outbox").resolve(name)));

        // Ferry is still up and still delivers
        String next = TestFiles.uniqueName(".bin");
        byte[] small = TestFiles.randomBytes(3000);
        drop(next, small);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertArrayEquals(small, onServer(incoming, next)));
        assertTrue(second.isAlive());
    }

    @Test
    void should_leave_no_hidden_part_file_on_the_server_after_a_kill_in_the_middle_of_an_upload() throws Exception {
        EmbeddedFtpServer ftp = ftpServer();
        String name = TestFiles.uniqueName(".bin");
        byte[] content = TestFiles.randomBytes(1_000_000);
        FerryNode first = start("part-1", ftp.getPort(), "slow", "slow-pw");
        drop(name, content);
        Path incoming = ftp.getRoot().resolve("incoming");
        await().atMost(Duration.ofSeconds(60)).until(() -> partFiles(incoming).size() == 1);
        first.kill();

        start("part-2", ftp.getPort(), "fault", "fault-pw");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertArrayEquals(content, onServer(incoming, name)));
        assertEquals(List.of(), partFiles(incoming), "hidden temporary files left on the server");
    }

    @Test
    void should_not_upload_again_a_file_whose_rename_went_through_just_before_ferry_was_killed() throws Exception {
        Path incoming = Files.createDirectories(base.resolve("quirky").resolve("incoming"));
        try (QuirkyFtpServer ftp = QuirkyFtpServer.start(incoming.getParent(), "quirky-pw", Quirk.SILENT_AFTER_RENAME)) {
            String name = TestFiles.uniqueName(".bin");
            byte[] content = TestFiles.randomBytes(5000);
            // a long reply timeout: Ferry is still waiting for the rename's reply when it is killed
            FerryNode first = start("rename-1", ftp.port(), QuirkyFtpServer.USER, "quirky-pw", "-Dftp.timeout=120000");
            Path dropped = drop(name, content);
            LedgerKey key = new LedgerKey("publish", dropped.toString(), content.length, Files.getLastModifiedTime(dropped).toMillis());
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(incoming.resolve(name)));
            first.kill();
            // taken from the folder meanwhile, as ftp-to-mail does once it has mailed a file
            takeAway(incoming, name);

            FerryNode second = start("rename-2", ftp.port(), QuirkyFtpServer.USER, "quirky-pw");
            await().atMost(Duration.ofSeconds(60)).until(() -> !Files.exists(dropped));
            assertFalse(Files.exists(incoming.resolve(name)), name + " was uploaded again: " + second.log());
            assertTrue(second.log().contains("the rename of an earlier attempt went through"), second.log());
            assertEquals(List.of(), partFiles(incoming), "hidden temporary files left on the server");
            second.kill();
            try (Ledger ledger = ledger()) {
                assertEquals(java.util.Optional.of(Ledger.State.DELIVERED), ledger.state(key));
            }
        }
    }

    @Test
    void should_not_upload_again_a_file_whose_rename_went_through_though_its_reply_never_came() throws Exception {
        Path incoming = Files.createDirectories(base.resolve("quirky").resolve("incoming"));
        try (QuirkyFtpServer ftp = QuirkyFtpServer.start(incoming.getParent(), "quirky-pw", Quirk.SILENT_AFTER_RENAME)) {
            String name = TestFiles.uniqueName(".bin");
            // the reply times out after 3 s (ftp.timeout) and the upload is retried by the same instance
            FerryNode node = start("unanswered", ftp.port(), QuirkyFtpServer.USER, "quirky-pw");
            Path dropped = drop(name, TestFiles.randomBytes(5000));
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(incoming.resolve(name)));
            takeAway(incoming, name);

            await().atMost(Duration.ofSeconds(60)).until(() -> !Files.exists(dropped));
            assertFalse(Files.exists(incoming.resolve(name)), name + " was uploaded again: " + node.log());
            assertTrue(node.log().contains("the rename of an earlier attempt went through"), node.log());
            assertEquals(List.of(), partFiles(incoming), "hidden temporary files left on the server");
        }
    }

    private static void takeAway(Path incoming, String name) throws Exception {
        Files.createDirectories(incoming.resolve(".done"));
        Files.move(incoming.resolve(name), incoming.resolve(".done").resolve(name));
    }

    /** A Ferry JVM on this test's data folder, publishing to the FTP server on {@code port}; the mail server is down. */
    private FerryNode start(String id, int port, String user, String password, String... more) throws Exception {
        Path routes = Files.createDirectories(data.resolve("routes"));
        try (Stream<Path> shipped = Files.list(Path.of("routes"))) {
            for (Path f : shipped.toList()) {
                Files.copy(f, routes.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        List<String> args = new ArrayList<>(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dferry.embedded=false", "-Dferry.data=" + data, "-Dferry.routes=" + routes, "-Dftp.port=" + port,
                "-Dftp.username=" + user, "-Dftp.password=" + password, "-Dftp.timeout=3000", "-Dsmtp.port=" + closedPort(),
                "-Dcamel.management.port=0", "-Dferry.poll-delay=200", "-Dferry.outbox.stable-time=100",
                "-Dferry.retry.delay=100", "-Dferry.retry.max-delay=1000", "-Dferry.reload.enabled=false"));
        args.addAll(Arrays.asList(more));
        // one name for every start: a restart of the same installation
        FerryNode node = FerryNode.start("stop-crash", args, Map.of(), base.resolve(id + ".log"));
        running.add(node);
        return node;
    }

    /** A real FTP server with two accounts on one disk: fault (full speed) and slow (uploads at 50 KB/s). */
    private EmbeddedFtpServer ftpServer() throws Exception {
        EmbeddedFtpServer ftp = new EmbeddedFtpServer(base.resolve("server"), "fault", "fault-pw", 0, "0");
        BaseUser slow = new BaseUser();
        slow.setName("slow");
        slow.setPassword("slow-pw");
        slow.setHomeDirectory(ftp.getRoot().toString());
        slow.setAuthorities(List.of(new WritePermission(), new TransferRatePermission(0, 50_000)));
        ftp.users().save(slow);
        ftp.start();
        running.add(ftp::stop);
        return ftp;
    }

    /** A port nothing listens on: connections are refused, as by a server that is down. */
    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private Path drop(String name, byte[] content) throws Exception {
        Path outbox = Files.createDirectories(data.resolve("outbox"));
        Path staged = Files.write(data.resolve(".staged-" + name), content);
        return Files.move(staged, outbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The file's bytes in the server's folder, or in .done/ once the ftp-to-mail workflow took it; null if neither. */
    private static byte[] onServer(Path incoming, String name) throws Exception {
        for (Path p : List.of(incoming.resolve(name), incoming.resolve(".done").resolve(name), incoming.resolve(".failed").resolve(name))) {
            if (Files.exists(p)) {
                return Files.readAllBytes(p);
            }
        }
        return null;
    }

    private static List<String> partFiles(Path incoming) throws Exception {
        if (!Files.isDirectory(incoming)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(incoming)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".ferry-") && n.endsWith(".part")).toList();
        }
    }

    /** The installation's ledger, read once Ferry is down (the embedded database is locked while it runs). */
    private Ledger ledger() throws Exception {
        // as Ferry opens it: what a kill -9 kept from the database file is recovered from the write-ahead log first
        return Ledger.embedded(data.resolve("ledger"), "test-probe", 10_000, Clock.systemUTC());
    }
}
