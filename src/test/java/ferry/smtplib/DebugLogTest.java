package ferry.smtplib;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** debug=true logs the SMTP conversation through SLF4J (read back from the test log file), never the AUTH secret. */
class DebugLogTest {

    private static final Path LOG = Path.of("target", "test.log");
    @RegisterExtension
    static final GreenMailServer SERVER = new GreenMailServer("smtp");

    @Test
    void should_log_the_conversation_and_mask_the_credentials() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + id;
        SERVER.get().setUser("debug-" + id + "@debug.example", "debug-" + id, password);
        String helo = "helo-" + id + ".test";
        try (Steps steps = Steps.java("smtplib:sendmail?host=127.0.0.1&port=" + SERVER.port()
                + "&debug=true&heloName=" + helo + "&username=debug-" + id + "&password=" + password
                + "&from=ferry@debug.example&to=debug-" + id + "@debug.example")) {
            assertNull(steps.send("body line " + id, Map.of(MailOptions.SUBJECT, "subject " + id)).getException());
        }

        List<String> log = Files.readAllLines(LOG, StandardCharsets.UTF_8);
        assertTrue(log.stream().anyMatch(l -> l.contains("ConversationLog") && l.contains("EHLO " + helo)), "no EHLO logged");
        assertTrue(log.stream().anyMatch(l -> l.contains("MAIL FROM:<ferry@debug.example>")), "no MAIL FROM logged");
        assertTrue(log.stream().anyMatch(l -> l.contains("Subject: subject " + id)), "headers not logged");
        assertFalse(log.stream().anyMatch(l -> l.contains("body line " + id)), "the message body was logged");
        // the login happened, and Angus left its exchange out of the trace (mail.debug.auth=false)
        assertTrue(log.stream().anyMatch(l -> l.contains("ConversationLog") && l.contains("command trace suppressed")),
                "no AUTH in the conversation");
        String plain = Base64.getEncoder().encodeToString(("\0debug-" + id + "\0" + password).getBytes(StandardCharsets.UTF_8));
        String login = Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8));
        assertFalse(log.stream().anyMatch(l -> l.contains(password) || l.contains(plain) || l.contains(login)),
                "the password reached the log");
    }

    @Test
    void should_send_mails_back_to_back_on_a_kept_connection_without_asking_the_server_in_between() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String helo = "kept-" + id + ".test";
        String from = "kept-" + id + "@debug.example";
        try (Steps steps = Steps.java("smtplib:sendmail?host=127.0.0.1&port=" + SERVER.port()
                + "&debug=true&heloName=" + helo + "&from=" + from + "&to=ops-" + id + "@debug.example")) {
            for (int i = 0; i < 3; i++) {
                assertNull(steps.send("mail " + i, Map.of()).getException());
            }
        }

        List<String> log = Files.readAllLines(LOG, StandardCharsets.UTF_8);
        int start = -1;
        for (int i = 0; i < log.size() && start < 0; i++) {
            if (log.get(i).contains("EHLO " + helo)) {
                start = i;
            }
        }
        assertTrue(start >= 0, "no EHLO " + helo + " logged");
        List<String> conversation = log.subList(start, log.size()).stream().filter(l -> l.contains("ConversationLog")).toList();
        int last = -1;
        int mails = 0;
        for (int i = 0; i < conversation.size() && mails < 3; i++) {
            if (conversation.get(i).contains("MAIL FROM:<" + from + ">")) {
                mails++;
                last = i;
            }
        }
        assertEquals(3, mails, "three mails on the one connection: " + conversation);
        assertEquals(1, conversation.stream().filter(l -> l.contains("EHLO ")).count(), "one connection: " + conversation);
        // a NOOP (or RSET) after each mail to ask whether the connection is still there is a round trip per mail
        assertFalse(conversation.subList(0, last).stream().anyMatch(l -> l.contains("NOOP") || l.contains("RSET")),
                "the server was asked between mails: " + conversation.subList(0, last + 1));
    }
}
