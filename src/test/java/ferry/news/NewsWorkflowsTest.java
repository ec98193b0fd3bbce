package ferry.news;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import ferry.support.FerryApp;
import ferry.support.Inn;
import ferry.support.TestFiles;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** news-to-mail and post-files in a running Ferry against a private INN and Ferry's embedded mail server. */
class NewsWorkflowsTest {

    private static Inn inn;

    @BeforeAll
    static void start() throws Exception {
        inn = Inn.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (inn != null) {
            inn.close();
        }
    }

    static Map<String, String> news(Map<String, String> more) {
        Map<String, String> settings = new java.util.HashMap<>(Map.of("nntp.host", "127.0.0.1",
                "nntp.port", Integer.toString(inn.port()), "nntp.username", Inn.USER, "nntp.password", Inn.PASSWORD));
        settings.putAll(more);
        return settings;
    }

    static String article(String group, String id, String subject, String body) {
        return "From: Poster <poster@ferry.test>\r\nNewsgroups: " + group + "\r\nSubject: " + subject
                + "\r\nMessage-ID: " + id + "\r\n\r\n" + body;
    }

    /** The article files in INN's spool whose text contains {@code needle}. */
    static List<Path> stored(String group, String needle) throws Exception {
        return storedIn(inn, group, needle);
    }

    static List<Path> storedIn(Inn server, String group, String needle) throws Exception {
        List<Path> found = new ArrayList<>();
        for (Path p : server.articles(group)) {
            if (new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1).contains(needle)) {
                found.add(p);
            }
        }
        return found;
    }

    /** The mails received whose attached article (message/rfc822, as INN stored it) carries {@code messageId}. */
    static List<MimeMessage> mailsFor(List<MimeMessage> received, String messageId) {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : received) {
            String article = attachedArticle(m);
            if (article != null && article.contains("\r\nMessage-ID: " + messageId + "\r\n")) {
                found.add(m);
            }
        }
        return found;
    }

    /** The one article attached to a mail (message/rfc822, as INN stored it), or null. */
    static String attachedArticle(MimeMessage m) {
        List<String> articles = articlesIn(m);
        return articles.size() == 1 ? articles.get(0) : null;
    }

    @Test
    void should_mail_each_new_article_once_and_not_again_after_a_restart() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String a = "<a-" + tag + "@ferry.test>";
        String b = "<b-" + tag + "@ferry.test>";
        String both = "<x-" + tag + "@ferry.test>";
        inn.seed(article("ferry.test", a, "Grüße " + tag, "first\r\n.dot line\r\n"));
        inn.seed(article("ferry.other", b, "second " + tag, "second\r\n"));
        // cross-posted: tracked by Message-ID, so mailed once
        inn.seed(article("ferry.test,ferry.other", both, "both " + tag, "both\r\n"));
        Path data = Path.of("target", "test-data", "news-" + tag).toAbsolutePath();
        Map<String, String> settings = news(Map.of("news-to-mail.enabled", "true",
                "news-to-mail.groups", "ferry.test, ferry.other", "news-to-mail.poll-interval", "500"));
        List<MimeMessage> received;
        try (FerryApp app = FerryApp.start(data, settings)) {
            await("one mail each for " + a + ", " + b + " and " + both).atMost(Duration.ofSeconds(60))
                    .until(() -> List.of(app.greenMail().getReceivedMessages()), r -> mailsFor(r, a).size() == 1
                            && mailsFor(r, b).size() == 1 && mailsFor(r, both).size() == 1);
            received = List.of(app.greenMail().getReceivedMessages());
            MimeMessage mail = mailsFor(received, a).get(0);
            assertEquals("[ferry.test] Grüße " + tag, MimeUtility.decodeText(mail.getSubject()));
            assertEquals(app.property("mail.to"), mail.getAllRecipients()[0].toString());
            // the article arrives as INN stores it: the dot-stuffed line undone, every byte of the body kept
            String attached = attachedArticle(mail);
            assertTrue(attached.endsWith("\r\n\r\nfirst\r\n.dot line\r\n"), attached);
            // a few more polls with nothing new: nothing is mailed again, and a new article in the second group is
            String d = "<d-" + tag + "@ferry.test>";
            await("nothing mailed again").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                    .until(() -> List.of(app.greenMail().getReceivedMessages()), r -> mailsFor(r, a).size() == 1
                            && mailsFor(r, b).size() == 1 && mailsFor(r, both).size() == 1);
            inn.seed(article("ferry.other", d, "fourth " + tag, "fourth\r\n"));
            await("the article posted while Ferry runs, " + d).atMost(Duration.ofSeconds(30))
                    .until(() -> mailsFor(List.of(app.greenMail().getReceivedMessages()), d).size() == 1);
            assertEquals(1, mailsFor(List.of(app.greenMail().getReceivedMessages()), both).size());
        }
        // restarted on the same data: the ledger remembers, the new article alone is mailed; it is in the second
        // group, so the first one, with nothing new, must not hold up the poll
        String c = "<c-" + tag + "@ferry.test>";
        inn.seed(article("ferry.other", c, "third " + tag, "third\r\n"));
        try (FerryApp app = FerryApp.start(data, settings)) {
            await("the article posted while Ferry was down").atMost(Duration.ofSeconds(60))
                    .until(() -> mailsFor(List.of(app.greenMail().getReceivedMessages()), c).size() == 1);
            List<MimeMessage> after = List.of(app.greenMail().getReceivedMessages());
            assertEquals(0, mailsFor(after, a).size() + mailsFor(after, b).size() + mailsFor(after, both).size(),
                    "articles mailed before the restart were mailed again");
        }
    }

    @Test
    void should_mail_the_new_articles_of_a_poll_as_one_digest_and_not_again() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = List.of("<d1-" + tag + "@ferry.test>", "<d2-" + tag + "@ferry.test>", "<d3-" + tag + "@ferry.test>");
        inn.seed(article("ferry.test", ids.get(0), "digest one " + tag, "one\r\n"));
        inn.seed(article("ferry.other", ids.get(1), "digest two " + tag, "two\r\n.dot\r\n"));
        inn.seed(article("ferry.test,ferry.other", ids.get(2), "digest three " + tag, "three\r\n"));
        Path data = Path.of("target", "test-data", "digest-" + tag).toAbsolutePath();
        try (FerryApp app = FerryApp.start(data, news(Map.of("news-to-mail.enabled", "true", "news-to-mail.digest", "true",
                "news-to-mail.groups", "ferry.test, ferry.other", "news-to-mail.poll-interval", "500")))) {
            MimeMessage digest = await("one digest holding " + ids).atMost(Duration.ofSeconds(60))
                    .until(() -> digestWith(List.of(app.greenMail().getReceivedMessages()), ids), m -> m != null);
            assertTrue(MimeUtility.decodeText(digest.getSubject()).startsWith("News digest: "), digest.getSubject());
            String index = String.valueOf(((Multipart) digest.getContent()).getBodyPart(0).getContent());
            for (String id : ids) {
                assertTrue(index.contains(id), "the index names " + id + ": " + index);
            }
            // later polls find nothing new: no second mail carries these articles, the cross-posted one included
            String later = "<d4-" + tag + "@ferry.test>";
            inn.seed(article("ferry.other", later, "digest four " + tag, "four\r\n"));
            await("a later digest holding " + later).atMost(Duration.ofSeconds(60))
                    .until(() -> digestWith(List.of(app.greenMail().getReceivedMessages()), List.of(later)) != null);
            for (String id : ids) {
                long mails = Stream.of(app.greenMail().getReceivedMessages())
                        .filter(m -> articlesIn(m).stream().anyMatch(a -> a.contains("\r\nMessage-ID: " + id + "\r\n"))).count();
                assertEquals(1, mails, "mails carrying " + id);
            }
        }
    }

    /** The received mail whose attached articles carry every one of {@code ids}, or null. */
    static MimeMessage digestWith(List<MimeMessage> received, List<String> ids) {
        for (MimeMessage m : received) {
            List<String> articles = articlesIn(m);
            if (ids.stream().allMatch(id -> articles.stream().anyMatch(a -> a.contains("\r\nMessage-ID: " + id + "\r\n")))) {
                return m;
            }
        }
        return null;
    }

    /** The articles attached (message/rfc822) to a mail, as INN stored them. */
    static List<String> articlesIn(MimeMessage m) {
        try {
            List<String> articles = new ArrayList<>();
            if (m.getContent() instanceof Multipart parts) {
                for (int i = 0; i < parts.getCount(); i++) {
                    BodyPart part = parts.getBodyPart(i);
                    if (part.isMimeType("message/rfc822")) {
                        articles.add(new String(part.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1));
                    }
                }
            }
            return articles;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read a received mail: " + e, e);
        }
    }

    @Test
    void should_post_text_and_binary_files_archive_them_and_fail_a_refused_post_with_the_reply() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String textName = "notes-" + tag + "-Köln.txt";
        byte[] text = ("Hello news\n.a line with a dot\nUmlaut: äöü\n").getBytes(StandardCharsets.UTF_8);
        String binaryName = "data-" + tag + ".bin";
        byte[] binary = TestFiles.randomBytes(50_000);
        // INN's maxartsize (1 MB in the test instance): refused with 441, goes to failed/ with the reply
        String refusedName = "too-large-" + tag + ".txt";
        byte[] tooLarge = "x".repeat(1_100_000).getBytes(StandardCharsets.UTF_8);
        Path data = Path.of("target", "test-data", "post-" + tag).toAbsolutePath();
        try (FerryApp app = FerryApp.start(data, news(Map.of("post-files.enabled", "true", "post-files.group", "ferry.other",
                "post-files.from", "Ferry <ferry@ferry.test>")))) {
            Path folder = app.data("news-outbox");
            drop(folder, textName, text);
            drop(folder, binaryName, binary);
            drop(folder, refusedName, tooLarge);
            Path archive = app.data("archive/news");
            await("both files archived").atMost(Duration.ofSeconds(60))
                    .until(() -> archived(archive, textName) != null && archived(archive, binaryName) != null);
            assertArrayEquals(text, Files.readAllBytes(archived(archive, textName)));

            // the text as the article's body on INN's disk, lines ending CRLF, the dot doubled on the wire
            List<Path> textArticles = stored("ferry.other", MimeUtility.encodeText(textName, "UTF-8", null));
            assertEquals(1, textArticles.size(), "articles for " + textName);
            String onDisk = new String(Files.readAllBytes(textArticles.get(0)), StandardCharsets.UTF_8);
            assertTrue(onDisk.endsWith("\r\n\r\nHello news\r\n..a line with a dot\r\nUmlaut: äöü\r\n.\r\n"), onDisk);
            assertTrue(onDisk.contains("\r\nFrom: Ferry <ferry@ferry.test>\r\n"), onDisk);
            // the binary as a MIME attachment that decodes to the same bytes
            List<Path> binaryArticles = stored("ferry.other", binaryName);
            assertEquals(1, binaryArticles.size(), "articles for " + binaryName);
            byte[] wire = Files.readAllBytes(binaryArticles.get(0));
            MimeMessage parsed = new MimeMessage(Session.getInstance(new java.util.Properties()),
                    new ByteArrayInputStream(java.util.Arrays.copyOf(wire, wire.length - 3)));
            BodyPart attachment = ((Multipart) parsed.getContent()).getBodyPart(1);
            assertEquals(binaryName, attachment.getFileName());
            assertArrayEquals(binary, attachment.getInputStream().readAllBytes());

            Path error = app.data("failed").resolve(refusedName + ".error");
            await("the refused file in failed/ with its .error").atMost(Duration.ofSeconds(60))
                    .until(() -> Files.exists(error) && Files.exists(app.data("failed").resolve(refusedName)));
            String report = Files.readString(error);
            assertTrue(report.contains("441"), report);
            assertTrue(stored("ferry.other", refusedName).isEmpty(), "nothing of the refused file reached the group");
            assertArrayEquals(tooLarge, Files.readAllBytes(app.data("failed").resolve(refusedName)), "kept unchanged");
        }
    }

    static void drop(Path folder, String name, byte[] content) throws Exception {
        Files.createDirectories(folder);
        Path staged = Files.write(folder.getParent().resolve(".staged-" + UUID.randomUUID()), content);
        Files.move(staged, folder.resolve(name));
    }

    static Path archived(Path archive, String name) throws Exception {
        if (!Files.isDirectory(archive)) {
            return null;
        }
        try (Stream<Path> files = Files.walk(archive)) {
            return files.filter(p -> p.getFileName().toString().equals(name)).findFirst().orElse(null);
        }
    }
}
