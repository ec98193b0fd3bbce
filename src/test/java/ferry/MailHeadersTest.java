package ferry;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import ferry.support.FerryApp;
import ferry.support.Mails;
import ferry.support.TestFiles;
import jakarta.mail.Header;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ftp-to-mail's mails carry only a mail's own headers: none of Ferry's or Camel's exchange headers, no local path. */
class MailHeadersTest {

    /** What a mail server adds on receipt (GreenMail: Return-Path and Received); not Ferry's doing. */
    private static final Set<String> ADDED_BY_SERVER = Set.of("Return-Path", "Received");

    @Test
    void should_send_only_the_mails_own_headers() throws Exception {
        try (FerryApp app = FerryApp.start()) {
            String name = TestFiles.uniqueName(".txt");
            app.drop(name, TestFiles.textWithLf(20));
            MimeMessage mail = await("the mail about " + name + " in the embedded mail server")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> Mails.aboutFile(app.greenMail().getReceivedMessages() == null ? List.of()
                            : List.of(app.greenMail().getReceivedMessages()), name), m -> m != null);

            Set<String> names = names(Collections.list(mail.getAllHeaders()));
            names.removeAll(ADDED_BY_SERVER);
            assertEquals(new TreeSet<>(Set.of("Date", "From", "To", "Message-ID", "Subject", "MIME-Version",
                    "Content-Type")), names, "headers of the mail as received");

            // the parts carry only MIME headers too
            MimeMultipart parts = (MimeMultipart) mail.getContent();
            for (int i = 0; i < parts.getCount(); i++) {
                for (Header h : Collections.list(parts.getBodyPart(i).getAllHeaders())) {
                    assertTrue(h.getName().startsWith("Content-"), "part " + i + " has header " + h.getName());
                }
            }
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            mail.writeTo(bytes);
            String raw = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertFalse(raw.contains(app.data().toAbsolutePath().toString()), "a local path reached the mail:\n" + raw);
            assertFalse(raw.contains(".work"), "the work folder reached the mail:\n" + raw);
        }
    }

    private static Set<String> names(List<Header> headers) {
        Set<String> names = new TreeSet<>();
        headers.forEach(h -> names.add(h.getName()));
        return names;
    }
}
