package ferry.fault;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import ferry.Ferry;
import ferry.embedded.EmbeddedFtpServer;
import ferry.support.Mails;
import ferry.support.TestFiles;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The fault suite: 1000 files through publish and ftp-to-mail in a real Ferry JVM while the FTP server
 * restarts (5), the SMTP server is down for 30 s, Ferry is killed with SIGKILL and restarted (3), and the
 * route files are reloaded (10, 3 of them broken). Counts what arrived; nothing may be lost or partial, and
 * a file mailed twice must carry the same Message-ID both times.
 */
class FaultSuiteTest {

    private static final Logger LOG = LoggerFactory.getLogger(FaultSuiteTest.class);
    private static final int FILES = 1000;
    private static final int ROUNDS = 10;
    /** No file arriving for this long after the faults means a file is stuck. */
    private static final Duration STALL = Duration.ofMinutes(2);
    /** However busy the machine, everything must be there this long after the faults. */
    private static final Duration CAP = Duration.ofMinutes(20);

    private final List<MimeMessage> received = new CopyOnWriteArrayList<>();
    private GreenMail smtp;
    private EmbeddedFtpServer ftp;

    @Test
    void should_lose_nothing_and_send_nothing_twice_through_crashes_outages_and_reloads() throws Exception {
        Path base = Path.of("target", "test-data", "fault-" + TestFiles.uniqueName("")).toAbsolutePath();
        Path ftpData = base.resolve("server");
        Path data = base.resolve("ferry");
        Path routes = Files.createDirectories(data.resolve("routes"));
        try (Stream<Path> shipped = Files.list(Path.of("routes"))) {
            for (Path f : (Iterable<Path>) shipped::iterator) {
                Files.copy(f, routes.resolve(f.getFileName()));
            }
        }
        ftp = new EmbeddedFtpServer(ftpData, "fault", "fault-pw", 0, "0");
        ftp.start();
        int ftpPort = ftp.getPort();
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        int smtpPort = smtp.getSmtp().getPort();

        Map<String, byte[]> sent = new HashMap<>();
        // the JVM flags the README recommends: Ferry waits on sockets; C1 and the serial collector cost less CPU
        List<String> settings = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dferry.embedded=false", "-Dferry.data=" + data,
                "-Dferry.routes=" + routes, "-Dftp.port=" + ftpPort, "-Dftp.username=fault", "-Dftp.password=fault-pw",
                "-Dftp.timeout=3000", "-Dsmtp.port=" + smtpPort, "-Dcamel.management.port=0", "-Dferry.poll-delay=200",
                "-Dferry.outbox.stable-time=100", "-Dferry.retry.delay=100", "-Dferry.retry.max-delay=1000",
                "-Dferry.reload.debounce=100", "-Dferry.instance-id=fault-suite");
        Process ferry = launch(settings, base, 0);
        int kills = 0;
        int ftpRestarts = 0;
        int reloads = 0;
        int brokenReloads = 0;
        Instant smtpBackAt = null;
        AssertionError timedOut = null;
        Path publish = routes.resolve("publish.camel.yaml");
        String publishYaml = Files.readString(publish);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                for (int i = 0; i < FILES / ROUNDS; i++) {
                    String name = String.format("f%04d-%s.bin", round * (FILES / ROUNDS) + i, TestFiles.uniqueName(""));
                    byte[] content = TestFiles.randomBytes(2000 + (round * 100 + i) * 7 % 6000);
                    sent.put(name, content);
                    Path staged = Files.write(data.resolve(".staged-" + name), content);
                    Files.createDirectories(data.resolve("outbox"));
                    Files.move(staged, data.resolve("outbox").resolve(name), StandardCopyOption.ATOMIC_MOVE);
                }
                // one round of faults, spread so they overlap with the files in flight; one route save per
                // round, broken in rounds 1, 4 and 7 (the next round's save mends it)
                reloads++;
                if (round % 3 == 1) {
                    brokenReloads++;
                    Files.writeString(publish, publishYaml + "  - this: [is not yaml\n");
                } else {
                    Files.writeString(publish, publishYaml + "# reload " + round + "\n");
                }
                if (round % 2 == 0 && ftpRestarts < 5) {
                    ftpRestarts++;
                    ftp.stop();
                    int port = ftpPort;
                    // the outage: the port refuses connections the whole time, so Ferry's attempts meet a real fault
                    await("the FTP server down (its port refusing connections) for 500 ms").during(Duration.ofMillis(500))
                            .atMost(Duration.ofSeconds(5)).until(() -> refuses(port));
                    ftp = new EmbeddedFtpServer(ftpData, "fault", "fault-pw", ftpPort, "0");
                    ftp.start();
                }
                if (round == 3) {
                    collect();
                    smtp.stop();
                    smtpBackAt = Instant.now().plusSeconds(30);
                }
                if (round == 2 || round == 5 || round == 8) {
                    Process running = ferry;
                    // the kill lands in the middle of the round's work, not before it started
                    await("Ferry working on round " + round + " for 700 ms before the kill").during(Duration.ofMillis(700))
                            .atMost(Duration.ofSeconds(5)).until(running::isAlive);
                    ferry.destroyForcibly().waitFor();
                    kills++;
                    ferry = launch(settings, base, kills);
                }
                if (smtpBackAt != null && Instant.now().isAfter(smtpBackAt)) {
                    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
                    smtp.start();
                    smtpBackAt = null;
                }
                Process running = ferry;
                // rounds a second apart, so each round's faults meet the files of the rounds before it in flight
                await("Ferry running through round " + round).during(Duration.ofSeconds(1))
                        .atMost(Duration.ofSeconds(5)).until(running::isAlive);
            }
            if (smtpBackAt != null) {
                Instant back = smtpBackAt;
                await().atMost(Duration.ofSeconds(40)).until(() -> Instant.now().isAfter(back));
                smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
                smtp.start();
            }
            // brokenReloads of the 10 reload events left the route file broken for a moment
            // Wait while files keep arriving: a busy machine is slow (ftp-to-mail mails one file at a time, and the
            // test's MINA and GreenMail servers answer each in ~50 ms), which is not a fault; a file that stops
            // moving is. Fails when nothing arrives for STALL, or everything is not there by the overall cap.
            Instant waitFrom = Instant.now();
            Instant lastReport = waitFrom;
            int arrived = delivered(sent.keySet()).size();
            while (arrived < FILES && timedOut == null) {
                int before = arrived;
                try {
                    arrived = await().atMost(STALL).pollInterval(Duration.ofSeconds(1))
                            .until(() -> delivered(sent.keySet()).size(), n -> n > before || n >= FILES);
                } catch (ConditionTimeoutException e) {
                    timedOut = new AssertionError("stuck: no file arrived for " + STALL.toSeconds() + " s", e);
                }
                if (Duration.between(waitFrom, Instant.now()).compareTo(CAP) > 0 && arrived < FILES) {
                    timedOut = new AssertionError("slow: files still arriving " + CAP.toMinutes() + " minutes after the faults");
                }
                if (Duration.between(lastReport, Instant.now()).toSeconds() >= 30 || arrived >= FILES) {
                    lastReport = Instant.now();
                    LOG.info("fault suite: {} of {} mailed, {} s after the faults", arrived, FILES,
                            Duration.between(waitFrom, Instant.now()).toSeconds());
                }
            }
        } finally {
            ferry.destroyForcibly().waitFor();
            collect();
            smtp.stop();
            ftp.stop();
        }
        if (timedOut != null) {
            Set<String> missing = new java.util.TreeSet<>(sent.keySet());
            missing.removeAll(delivered(sent.keySet()));
            fail("fault suite, " + timedOut.getMessage() + ": " + missing.size() + " of " + FILES + " files not mailed:\n"
                    + Whereabouts.of(missing, data, ftpData.resolve("ftp/incoming")) + "(Ferry's log: target/test.log)", timedOut);
        }

        Set<String> delivered = delivered(sent.keySet());
        Map<String, List<String>> ids = new HashMap<>();
        int partial = 0;
        for (MimeMessage m : received) {
            String name = Mails.fileOf(m, sent.keySet());
            if (name == null) {
                continue;
            }
            ids.computeIfAbsent(name, k -> new ArrayList<>()).add(m.getMessageID());
            byte[] attached = Mails.attachment(m, name);
            if (attached == null || !java.util.Arrays.equals(attached, sent.get(name))) {
                partial++;
            }
        }
        int duplicates = 0;
        int duplicatesWithNewId = 0;
        for (List<String> idList : ids.values()) {
            if (idList.size() > 1) {
                duplicates += idList.size() - 1;
                if (new HashSet<>(idList).size() > 1) {
                    duplicatesWithNewId++;
                }
            }
        }
        Path incoming = ftpData.resolve("ftp/incoming");
        for (String name : sent.keySet()) {
            Path done = incoming.resolve(".done").resolve(name);
            if (Files.exists(done) && !java.util.Arrays.equals(Files.readAllBytes(done), sent.get(name))) {
                partial++;
            }
        }
        long hiddenLeftovers;
        try (Stream<Path> left = Files.list(incoming)) {
            hiddenLeftovers = left.filter(p -> p.getFileName().toString().endsWith(".part")).count();
        }
        int lost = FILES - delivered.size();
        String line = String.format("fault suite: files in %d, delivered %d, lost %d, duplicates %d (repeated Message-ID: %d, new "
                + "Message-ID: %d), partial files seen %d; faults: %d kill -9, %d FTP restarts, SMTP down 30 s, %d reloads "
                + "(%d broken); hidden temp files left on the server %d", FILES, delivered.size(), lost, duplicates,
                duplicates - duplicatesWithNewId, duplicatesWithNewId, partial, kills, ftpRestarts, reloads, brokenReloads,
                hiddenLeftovers);
        LOG.info(line);
        System.out.println(line);
        Files.writeString(Path.of("target", "fault-suite.txt"), line + "\n");
        assertEquals(0, lost, line);
        assertEquals(0, partial, line);
        assertEquals(0, duplicatesWithNewId, line);
        assertTrue(kills == 3 && ftpRestarts == 5 && reloads == 10 && brokenReloads == 3, line);
    }

    private void collect() {
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (!received.contains(m)) {
                received.add(m);
            }
        }
    }

    private Set<String> delivered(Set<String> names) throws Exception {
        Set<String> found = new HashSet<>();
        List<MimeMessage> all = new ArrayList<>(received);
        try {
            all.addAll(List.of(smtp.getReceivedMessages()));
        } catch (RuntimeException e) {
            // the server is down right now: count what was collected before it went
        }
        for (MimeMessage m : all) {
            String name = Mails.fileOf(m, names);
            if (name != null) {
                found.add(name);
            }
        }
        return found;
    }

    /** Does 127.0.0.1:{@code port} refuse a connection (nothing listens there)? */
    private static boolean refuses(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
            return false;
        } catch (java.io.IOException e) {
            return true;
        }
    }

    private static Process launch(List<String> settings, Path base, int generation) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(settings);
        // Ferry's own logging (as users run it), not the tests' quieter one: its "Ferry is running" line is awaited
        cmd.add("-Dlog4j2.configurationFile=" + Path.of("target", "classes", "log4j2.xml").toAbsolutePath());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Ferry.class.getName()));
        File log = base.resolve("ferry-" + generation + ".log").toFile();
        Process ferry = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
        // the faults are for a running Ferry: a route file broken while it still starts would stop the start itself
        // (as it must), and a busy machine takes a few seconds to start a JVM
        try {
            await("Ferry (generation " + generation + ") running; its log: " + log).atMost(Duration.ofSeconds(60))
                    .until(() -> {
                        if (!ferry.isAlive()) {
                            throw new AssertionError("Ferry exited while starting (code " + ferry.exitValue() + "), log "
                                    + log + ":\n" + Files.readString(log.toPath()));
                        }
                        return Files.readString(log.toPath()).contains("Ferry is running");
                    });
            return ferry;
        } catch (RuntimeException | AssertionError e) {
            // a Ferry that did not come up must not outlive the test
            ferry.destroyForcibly().waitFor();
            throw e;
        }
    }
}
