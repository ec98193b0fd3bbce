package ferry.alerts;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import ferry.support.FerryApp;
import ferry.support.FtpAccount;
import ferry.support.TestFiles;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Alert mails in the embedded demo's mailbox (GreenMail): one per failed file, a digest, a flow DOWN. */
class AlertTest {

    @Test
    void should_mail_a_failed_file_then_a_digest_then_a_flow_down_once_per_alerts_after() throws Exception {
        try (FerryApp app = FerryApp.start(Map.of("alerts.after", "4000", "alerts.digest-window", "8000"))) {
            FtpAccount.set(app, false, 0);
            String first = TestFiles.uniqueName("-alert.txt");
            app.drop(first, TestFiles.randomBytes(100));
            MimeMessage single = await("an alert mail for " + first + " in ops@localhost's mailbox").atMost(Duration.ofSeconds(30))
                    .until(() -> alerts(app), m -> !m.isEmpty()).get(0);
            assertEquals("Ferry: publish: " + first + " failed", single.getSubject());
            String text = String.valueOf(single.getContent());
            assertTrue(text.contains("Reason: ") && text.matches("(?s).*55\\d.*") && text.contains("ferry retry"), text);

            // three more within the digest window: folded into one digest, sent once the window is over
            List<String> more = List.of(TestFiles.uniqueName("-a.txt"), TestFiles.uniqueName("-b.txt"), TestFiles.uniqueName("-c.txt"));
            more.forEach(n -> app.drop(n, TestFiles.randomBytes(100)));
            MimeMessage digest = await("one digest mail naming the three files").atMost(Duration.ofSeconds(90))
                    .until(() -> alerts(app), m -> m.size() >= 2).get(1);
            assertEquals("Ferry: 3 files failed", digest.getSubject());
            String digestText = String.valueOf(digest.getContent());
            more.forEach(n -> assertTrue(digestText.contains(n), digestText));
            assertEquals(2, alerts(app).size(), "one mail per file or digest, no more");

            // the FTP server gone: publish waits out the fault, ftp-to-mail cannot poll: both DOWN, after alerts.after a
            // mail for each says so
            app.servers().ftp().stop();
            String waiting = TestFiles.uniqueName("-waits.txt");
            app.drop(waiting, TestFiles.randomBytes(100));
            MimeMessage down = await("a mail saying publish is DOWN").atMost(Duration.ofSeconds(40))
                    .until(() -> alerts(app, "Ferry: flow publish DOWN for "), m -> !m.isEmpty()).get(0);
            String downText = String.valueOf(down.getContent());
            assertTrue(downText.contains(waiting) && downText.contains("Reason: "), downText);
            MimeMessage polls = await("a mail saying ftp-to-mail is DOWN").atMost(Duration.ofSeconds(40))
                    .until(() -> alerts(app, "Ferry: flow ftp-to-mail DOWN for "), m -> !m.isEmpty()).get(0);
            String pollsText = String.valueOf(polls.getContent());
            assertTrue(pollsText.contains("Reason: cannot poll ftp://127.0.0.1:"), pollsText);
            // the next one for the flow only after another alerts.after
            MimeMessage again = await("publish's next DOWN mail").atMost(Duration.ofSeconds(40))
                    .until(() -> alerts(app, "Ferry: flow publish DOWN for "), m -> m.size() >= 2).get(1);
            long apart = again.getSentDate().getTime() - down.getSentDate().getTime();
            assertTrue(apart >= 3000, "at most one per flow per alerts.after (4 s; Date has whole seconds): " + apart + " ms");
        }
    }

    private static List<MimeMessage> alerts(FerryApp app, String subject) {
        return alerts(app).stream().filter(m -> {
            try {
                return m.getSubject().startsWith(subject);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static List<MimeMessage> alerts(FerryApp app) {
        return Arrays.stream(app.greenMail().getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject() != null && m.getSubject().startsWith("Ferry: ");
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
