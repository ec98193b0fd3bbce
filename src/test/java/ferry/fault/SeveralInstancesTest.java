package ferry.fault;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import ferry.embedded.EmbeddedFtpServer;
import ferry.support.FerryNode;
import ferry.support.Mails;
import ferry.support.Postgres;
import ferry.support.TestFiles;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several Ferry JVMs on one drop folder, one FTP inbox and one PostgreSQL ledger. First the same work with
 * 1, 2 and 3 instances (throughput side by side); then 1000 files through all three while the singleton
 * leader is killed with SIGKILL, and later the next leader. Nothing may be lost; a file may be mailed twice
 * only if a killed instance held its claim (mail accepted, ledger not yet written), and then with the same
 * Message-ID.
 */
class SeveralInstancesTest {

    private static final Logger LOG = LoggerFactory.getLogger(SeveralInstancesTest.class);
    private static final int FILES = 1000;
    private static final int WARM_UP = 20;
    private static final int BATCH = 100;
    private static final long LEASE = 10_000;
    private static final String SINGLETON = "ferry-singleton";

    private final Map<String, byte[]> sent = new HashMap<>();
    private final List<FerryNode> nodes = new ArrayList<>();
    private Path data;
    private GreenMail smtp;
    private Postgres pg;

    @Test
    void should_share_the_work_of_three_instances_and_lose_nothing_when_two_are_killed() throws Exception {
        Path base = Path.of("target", "test-data", "several-" + TestFiles.uniqueName("")).toAbsolutePath();
        data = base.resolve("ferry");
        Path routes = Files.createDirectories(data.resolve("routes"));
        try (Stream<Path> shipped = Files.list(Path.of("routes"))) {
            for (Path f : (Iterable<Path>) shipped::iterator) {
                Files.copy(f, routes.resolve(f.getFileName()));
            }
        }
        pg = Postgres.start();
        // three instances each hold several sessions (consumer, uploads, downloads, housekeeping)
        EmbeddedFtpServer ftp = new EmbeddedFtpServer(base.resolve("server"), "multi", "multi-pw", 0, "0", 60);
        ftp.start();
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        // every instance shares ferry.data (so the same outbox), the FTP inbox and the ledger; each has its own id
        // the JVM flags the README recommends: Ferry waits on sockets; C1 and the serial collector cost less CPU
        List<String> settings = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dferry.embedded=false",
                "-Dferry.data=" + data, "-Dferry.routes=" + routes, "-Dftp.port=" + ftp.getPort(),
                "-Dftp.username=multi", "-Dftp.password=multi-pw", "-Dftp.timeout=5000",
                "-Dsmtp.port=" + smtp.getSmtp().getPort(), "-Dcamel.management.port=0", "-Dferry.poll-delay=200",
                "-Dferry.outbox.stable-time=100", "-Dferry.retry.delay=100", "-Dferry.retry.max-delay=1000",
                "-Dferry.reload.enabled=false", "-Dferry.ledger.url=" + pg.url(), "-Dferry.ledger.username=" + Postgres.USER,
                "-Dferry.housekeeping.enabled=true", "-Dferry.housekeeping.period=1000", "-Dferry.ledger.lease=" + LEASE);
        // the password as an operator should pass it: in the environment, not on the command line
        Map<String, String> env = Map.of("FERRY_LEDGER_PASSWORD", Postgres.PASSWORD);
        try {
            // --- throughput: the same work with 1, 2 and 3 instances ---
            Map<Integer, Double> rates = new LinkedHashMap<>();
            for (int n = 1; n <= 3; n++) {
                nodes.add(FerryNode.start("node-" + n, settings, env, base.resolve("node-" + n + ".log")));
                if (n == 1) {
                    deliver(drop("warm", WARM_UP));
                }
                long start = System.nanoTime();
                deliver(drop("t" + n, BATCH));
                rates.put(n, BATCH / ((System.nanoTime() - start) / 1e9));
            }
            String throughput = String.format("several instances: throughput (%d files each, publish + ftp-to-mail, "
                    + "%d cores shared with the FTP and SMTP servers): 1 instance %.1f files/s, 2 instances %.1f files/s, "
                    + "3 instances %.1f files/s", BATCH, Runtime.getRuntime().availableProcessors(),
                    rates.get(1), rates.get(2), rates.get(3));
            report(throughput, "several-instances-throughput.txt");

            // --- faults: 1000 files, kill -9 the leader mid-run, later the next leader ---
            Set<String> names = drop("k", FILES);
            Set<String> window = new HashSet<>();
            List<String> takeovers = new ArrayList<>();
            double worst = 0;
            for (int threshold : new int[] {FILES * 2 / 5, FILES * 7 / 10}) {
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                        .until(() -> delivered(names).size() >= threshold);
                FerryNode victim = leader().orElseThrow();
                victim.kill();
                long killedAt = System.nanoTime();
                Set<String> held = claimsOf(victim.id());
                window.addAll(held);
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> claimsOf(victim.id()).isEmpty());
                double claimsTaken = (System.nanoTime() - killedAt) / 1e9;
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> leader().filter(FerryNode::isAlive).isPresent());
                double leadership = (System.nanoTime() - killedAt) / 1e9;
                worst = Math.max(worst, Math.max(held.isEmpty() ? 0 : claimsTaken, leadership));
                takeovers.add(String.format("%s (leader, %d claims held) killed at %d delivered: claims taken over after "
                        + "%.1f s, leadership after %.1f s (now %s)", victim.id(), held.size(), threshold, claimsTaken,
                        leadership, leader().orElseThrow().id()));
                // the operator restarts it: it joins again under its own name, with nothing left to resume
                nodes.set(nodes.indexOf(victim), FerryNode.start(victim.id(), settings, env,
                        base.resolve(victim.id() + "-restarted.log")));
            }
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> delivered(names).size() >= FILES);

            Map<String, List<String>> ids = messageIds(names);
            int duplicates = 0;
            int newIds = 0;
            int outsideWindow = 0;
            int damaged = 0;
            for (Map.Entry<String, List<String>> e : ids.entrySet()) {
                List<String> idList = e.getValue();
                if (idList.size() > 1) {
                    duplicates += idList.size() - 1;
                    newIds += new HashSet<>(idList).size() > 1 ? 1 : 0;
                    outsideWindow += window.contains(e.getKey()) ? 0 : 1;
                }
            }
            for (MimeMessage m : smtp.getReceivedMessages()) {
                String name = Mails.fileOf(m, names);
                if (name != null && !java.util.Arrays.equals(Mails.attachment(m, name), sent.get(name))) {
                    damaged++;
                }
            }
            int lost = FILES - ids.size();
            String line = String.format("several instances: files in %d, delivered %d, lost %d, duplicates %d (repeated "
                    + "Message-ID only: %s; outside the crash window: %d), damaged %d; 3 instances on one FTP inbox, drop "
                    + "folder and PostgreSQL, 2 kill -9: %s; takeover time at most %.1f s after the kill (lease %d ms "
                    + "after the last heartbeat)", FILES, ids.size(), lost, duplicates,
                    newIds == 0 ? "yes" : "no, " + newIds + " with a new one", outsideWindow, damaged,
                    String.join("; ", takeovers), worst, LEASE);
            report(line, "several-instances.txt");
            assertEquals(0, lost, line);
            assertEquals(0, newIds, line);
            assertEquals(0, outsideWindow, line);
            assertEquals(0, damaged, line);
            // a claim is free one lease after the last heartbeat (at most one lease after the kill); the file is
            // picked up at the next poll of a busy instance (a batch of ferry.max-files-per-poll files later)
            assertTrue(worst <= LEASE / 1000.0 + 5, "takeover within the lease plus one batch: " + line);
            // singleton work carried on at the last leader: housekeeping emptied .done into the archive
            Path done = ftp.getRoot().resolve("incoming/.done");
            await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(done) || isEmpty(done));
            // one leader at a time, as every live instance sees it: each names the same one last
            String leader = leader().orElseThrow().id();
            try (Stream<Path> logs = Files.list(base)) {
                for (Path log : (Iterable<Path>) logs.filter(f -> f.toString().endsWith(".log"))::iterator) {
                    assertFalse(Files.readString(log).contains(Postgres.PASSWORD), log + " holds the ledger password");
                }
            }
            for (FerryNode node : nodes) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("Leader of " + SINGLETON + " is now (\\S+)")
                        .matcher(node.log());
                String last = null;
                while (m.find()) {
                    last = m.group(1);
                }
                assertEquals(leader, last, node.id() + " sees another leader");
            }
        } finally {
            for (FerryNode node : nodes) {
                node.kill();
            }
            smtp.stop();
            ftp.stop();
            pg.close();
        }
    }

    private static void report(String line, String file) throws Exception {
        LOG.info(line);
        System.out.println(line);
        Files.writeString(Path.of("target", file), line + "\n");
    }

    /** Drops {@code count} files into the shared outbox, each written aside and moved in whole. */
    private Set<String> drop(String prefix, int count) throws Exception {
        Path outbox = Files.createDirectories(data.resolve("outbox"));
        Set<String> names = new HashSet<>();
        for (int i = 0; i < count; i++) {
            String name = String.format("%s%04d-%s.bin", prefix, i, TestFiles.uniqueName(""));
            byte[] content = TestFiles.randomBytes(2000 + i * 37 % 6000);
            sent.put(name, content);
            names.add(name);
            Path staged = Files.write(data.resolve(".staged-" + name), content);
            Files.move(staged, outbox.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return names;
    }

    private void deliver(Set<String> names) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> delivered(names).size() >= names.size());
    }

    private Set<String> delivered(Set<String> names) throws Exception {
        return messageIds(names).keySet();
    }

    private Map<String, List<String>> messageIds(Set<String> names) throws Exception {
        Map<String, List<String>> ids = new HashMap<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            String name = Mails.fileOf(m, names);
            if (name != null) {
                ids.computeIfAbsent(name, k -> new ArrayList<>()).add(m.getMessageID());
            }
        }
        return ids;
    }

    /** The live instance the ledger names as leader of the singleton routes. */
    private Optional<FerryNode> leader() throws Exception {
        try (Connection c = pg.connect(); PreparedStatement q = c.prepareStatement(
                "SELECT owner FROM ferry_leader WHERE namespace=? AND lease_until >= "
                        + "(EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint")) {
            q.setString(1, SINGLETON);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String owner = rs.getString(1);
                return nodes.stream().filter(n -> n.id().equals(owner)).findFirst();
            }
        }
    }

    /** Names of the files the ledger shows as claimed (in progress) by {@code owner}. */
    private Set<String> claimsOf(String owner) throws Exception {
        Set<String> files = new HashSet<>();
        try (Connection c = pg.connect(); PreparedStatement q = c.prepareStatement(
                "SELECT source FROM ferry_file WHERE owner=? AND state='CLAIMED'")) {
            q.setString(1, owner);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String source = rs.getString(1);
                    files.add(source.substring(source.lastIndexOf('/') + 1));
                }
            }
        }
        return files;
    }

    private static boolean isEmpty(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.findAny().isEmpty();
        }
    }
}
