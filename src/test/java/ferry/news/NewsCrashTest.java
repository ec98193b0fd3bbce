package ferry.news;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import ferry.support.FerryNode;
import ferry.support.Inn;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both news workflows in Ferry's own JVM, killed with SIGKILL while files are being posted and articles mailed, then
 * restarted: every file posted exactly once (INN's spool), every article mailed (a second mail only with the same
 * Message-ID), nothing in failed/.
 */
class NewsCrashTest {

    private static final int FILES = 40;
    private static final int ARTICLES = 20;

    @Test
    void should_post_and_mail_everything_once_through_a_kill_9() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Path base = Path.of("target", "test-data", "news-crash-" + tag).toAbsolutePath();
        Path data = Files.createDirectories(base.resolve("ferry"));
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (Inn inn = Inn.start()) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < ARTICLES; i++) {
                String id = "<crash-" + i + "-" + tag + "@ferry.test>";
                ids.add(id);
                inn.seed(NewsWorkflowsTest.article("ferry.test", id, "crash " + i, "article " + i + "\r\n"));
            }
            Path folder = Files.createDirectories(data.resolve("news-outbox"));
            List<String> names = new ArrayList<>();
            for (int i = 0; i < FILES; i++) {
                names.add("post-" + i + "-" + tag + ".txt");
            }
            List<String> settings = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Dferry.embedded=false", "-Dferry.data=" + data, "-Dcamel.management.port=0",
                    // no FTP server: the FTP workflows find nothing to do (port 1 refuses at once)
                    "-Dftp.port=1", "-Dsmtp.port=" + smtp.getSmtp().getPort(), "-Dferry.reload.enabled=false",
                    "-Dferry.outbox.stable-time=100", "-Dferry.retry.delay=100", "-Dferry.retry.max-delay=1000",
                    "-Dnntp.host=127.0.0.1", "-Dnntp.port=" + inn.port(), "-Dnntp.username=" + Inn.USER,
                    "-Dnntp.password=" + Inn.PASSWORD, "-Dnews-to-mail.enabled=true", "-Dnews-to-mail.groups=ferry.test",
                    "-Dnews-to-mail.poll-interval=300", "-Dpost-files.enabled=true", "-Dpost-files.group=ferry.other",
                    "-Dpost-files.from=Ferry <ferry@ferry.test>", "-Dferry.ledger.lease=2000");
            FerryNode node = FerryNode.start("news-crash", settings, Map.of(), base.resolve("first.log"));
            String summary;
            try {
                // half the files arrive while Ferry runs, one every 50 ms; it is killed while posting them
                for (int i = 0; i < FILES / 2; i++) {
                    NewsWorkflowsTest.drop(folder, names.get(i), ("file " + i + "\n").getBytes(StandardCharsets.UTF_8));
                    FerryNode running = node;
                    await("Ferry running while the files arrive").pollInterval(Duration.ofMillis(10))
                            .during(Duration.ofMillis(50)).atMost(Duration.ofSeconds(1)).until(running::isAlive);
                }
                await("a first post").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> posted(inn, tag) >= 1);
                node.kill();
                int postedAtKill = posted(inn, tag);
                // the other half while it is down
                for (int i = FILES / 2; i < FILES; i++) {
                    NewsWorkflowsTest.drop(folder, names.get(i), ("file " + i + "\n").getBytes(StandardCharsets.UTF_8));
                }
                // and again while articles are being mailed
                node = FerryNode.start("news-crash", settings, Map.of(), base.resolve("second.log"));
                await("a first mail").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> smtp.getReceivedMessages().length >= 1);
                node.kill();
                int mailedAtKill = mailedIds(smtp, ids).size();
                node = FerryNode.start("news-crash", settings, Map.of(), base.resolve("third.log"));
                await("all " + FILES + " files posted and " + ARTICLES + " articles mailed after the restarts")
                        .atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                        .until(() -> posted(inn, tag) >= FILES && mailedIds(smtp, ids).size() >= ARTICLES);
                summary = "news crash: killed after " + postedAtKill + " of " + FILES + " posts, then after "
                        + mailedAtKill + " of " + ARTICLES + " articles mailed; at the end " + posted(inn, tag)
                        + " posted, " + smtp.getReceivedMessages().length + " mails received";
                System.out.println(summary);
                assertTrue(postedAtKill < FILES && mailedAtKill < ARTICLES, "a kill came too late to test anything: " + summary);
            } finally {
                node.kill();
            }
            // each file exactly once in the group: the Message-ID comes from the ledger and is checked before posting
            for (String name : names) {
                assertEquals(1, NewsWorkflowsTest.storedIn(inn, "ferry.other", "Subject: " + name + "\r\n").size(),
                        "articles for " + name);
            }
            Set<String> mailed = mailedIds(smtp, ids);
            assertEquals(new HashSet<>(ids), mailed, "articles mailed");
            // a second mail of an article is allowed only with the first one's Message-ID (the receiver drops it)
            Map<String, Set<String>> mailIds = new java.util.HashMap<>();
            for (MimeMessage m : smtp.getReceivedMessages()) {
                for (String id : ids) {
                    if (NewsWorkflowsTest.mailsFor(List.of(m), id).size() == 1) {
                        mailIds.computeIfAbsent(id, k -> new HashSet<>()).add(m.getMessageID());
                    }
                }
            }
            mailIds.forEach((id, mids) -> assertEquals(1, mids.size(), id + " mailed under several Message-IDs " + mids));
            try (var failed = Files.list(Files.createDirectories(data.resolve("failed")))) {
                assertEquals(List.of(), failed.toList(), "files in failed/");
            }
        } finally {
            smtp.stop();
        }
    }

    private static int posted(Inn inn, String tag) throws Exception {
        return NewsWorkflowsTest.storedIn(inn, "ferry.other", "-" + tag + ".txt").size();
    }

    private static Set<String> mailedIds(GreenMail smtp, List<String> ids) {
        Set<String> found = new HashSet<>();
        List<MimeMessage> received = List.of(smtp.getReceivedMessages());
        for (String id : ids) {
            if (!NewsWorkflowsTest.mailsFor(received, id).isEmpty()) {
                found.add(id);
            }
        }
        return found;
    }
}
