package ferry.reload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import ferry.support.FerryApp;
import ferry.support.TestFiles;
import ferry.support.TestLog;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The publish route is rewritten several times while a stream of files flows through it: every file
 * arrives on the FTP server once and is mailed once; none is lost, none is sent twice.
 */
class ReloadUnderLoadTest {

    private static final int FILES = 200;
    private static final int RELOADS = 4;

    @Test
    void should_deliver_every_file_exactly_once_while_the_route_is_reloaded() throws Exception {
        try (FerryApp app = FerryApp.start(Map.of("ferry.poll-delay", "100", "ferry.outbox.stable-time", "100"))) {
            Path publish = app.routes().resolve("publish.camel.yaml");
            String original = Files.readString(publish);
            List<String> names = Stream.generate(() -> TestFiles.uniqueName(".dat")).limit(FILES).toList();
            int perRound = FILES / RELOADS;
            for (int round = 0; round < RELOADS; round++) {
                for (String name : names.subList(round * perRound, (round + 1) * perRound)) {
                    app.drop(name, TestFiles.randomBytes(2000 + name.hashCode() % 1000));
                }
                // a real change each time (the poll delay alternates), saved while files are in flight
                int expected = round + 1;
                Files.writeString(publish, original.replace("{{ferry.outbox.poll-delay}}", String.valueOf(100 + 10 * expected)));
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> TestLog.lines("Reloaded " + publish).size() == expected);
            }

            Path done = app.ftpRoot().resolve("incoming/.done");
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> count(done) == FILES && app.greenMail().getReceivedMessages().length >= FILES);
            // settle: nothing more arrives later (a duplicate would)
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> app.greenMail().getReceivedMessages().length == FILES);

            Map<String, Integer> mails = new HashMap<>();
            for (MimeMessage m : app.greenMail().getReceivedMessages()) {
                mails.merge(m.getSubject().replace("Ferry: ", ""), 1, Integer::sum);
            }
            Set<String> delivered = new HashSet<>();
            try (Stream<Path> files = Files.list(done)) {
                files.forEach(p -> delivered.add(p.getFileName().toString()));
            }
            long lost = names.stream().filter(n -> !delivered.contains(n) || !mails.containsKey(n)).count();
            long duplicated = mails.values().stream().filter(n -> n > 1).count();
            System.out.printf("reload under load: %d files in, %d on the FTP server, %d mails, %d reloads, lost %d,"
                    + " duplicated %d%n", FILES, delivered.size(), app.greenMail().getReceivedMessages().length,
                    TestLog.lines("Reloaded " + publish).size(), lost, duplicated);
            assertEquals(Set.copyOf(names), delivered);
            assertEquals(FILES, mails.size());
            assertEquals(0, duplicated);
            assertEquals(0, lost);
            assertTrue(!Files.exists(app.data("failed")) || count(app.data("failed")) == 0, "nothing failed");
            assertEquals(0, count(app.data("outbox")));
        }
    }

    private static long count(Path folder) throws Exception {
        if (!Files.exists(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
