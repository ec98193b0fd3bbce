package ferry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import ferry.support.FerryApp;
import ferry.support.TestFiles;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A file the FTP or mail server refuses is kept with a .error report, never dropped. */
class FailureTest {

    @Test
    void should_keep_a_file_the_ftp_server_refuses_in_failed_with_a_report() throws Exception {
        try (FerryApp app = FerryApp.start()) {
            String name = TestFiles.uniqueName(".bin");
            // the account loses its write permission: every upload is refused with 550
            org.apache.ftpserver.usermanager.impl.BaseUser readOnly = new org.apache.ftpserver.usermanager.impl.BaseUser();
            readOnly.setName(app.property("ftp.username"));
            readOnly.setPassword(app.property("ftp.password"));
            readOnly.setHomeDirectory(app.ftpRoot().toString());
            app.servers().ftp().users().save(readOnly);
            byte[] content = TestFiles.randomBytes(10_000);
            app.drop(name, content);

            Path kept = app.data("failed").resolve(name);
            Path report = app.data("failed").resolve(name + ".error");
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(kept) && Files.exists(report));
            assertArrayEquals(content, Files.readAllBytes(kept));
            String text = Files.readString(report);
            assertTrue(text.contains("file: " + name), text);
            assertTrue(text.contains("workflow: publish"), text);
            assertTrue(text.contains("step: ftplib://storbinary"), text);
            assertTrue(text.contains("time: "), text);
            assertTrue(text.matches("(?s).*reason: .*55\\d.*"), "names the server's 55x reply: " + text);
            assertFalse(text.contains(app.property("ftp.password") + "@"), text);
        }
    }

    @Test
    void should_keep_a_file_whose_mail_is_refused_on_the_server_with_a_report() throws Exception {
        String secret = "s3cret-" + TestFiles.uniqueName("");
        try (FerryApp app = FerryApp.start(Map.of("smtp.username", "nobody", "smtp.password", secret))) {
            String name = TestFiles.uniqueName(".txt");
            byte[] content = TestFiles.textWithLf(5);
            app.drop(name, content);

            Path remote = app.ftpRoot().resolve("incoming/.failed/" + name);
            Path report = app.data("failed").resolve(name + ".error");
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(remote) && Files.exists(report));
            assertArrayEquals(content, Files.readAllBytes(remote));
            String text = Files.readString(report);
            assertTrue(text.contains("workflow: ftp-to-mail"), text);
            assertTrue(text.contains("/incoming/.failed/" + name), text);
            assertTrue(text.contains("535"), "names the server's reply: " + text);
            assertTrue(text.contains("attempts: 1"), "a refused login is permanent, not retried: " + text);
            assertFalse(text.contains(secret), "the SMTP password leaked into " + report);
            assertFalse(Files.readString(Path.of("target/test.log")).contains(secret), "the SMTP password leaked into the log");
        }
    }
}
