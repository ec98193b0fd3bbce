package ferry.flows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import ferry.support.FerryApp;
import ferry.support.Mails;
import ferry.support.TestFiles;
import ferry.support.TestLog;
import ferry.support.Vsftpd;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A remote folder means what it means to the server, on a server whose login folder is not its root (vsftpd
 * without chroot): an absolute {@code remoteDir} is that folder, a relative one is under the login folder, and a
 * folder Ferry had to create is named in the log.
 */
class RemotePathsTest {

    @Test
    void should_take_an_absolute_folder_as_absolute_and_a_relative_one_under_the_login_folder() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "test-data", TestFiles.uniqueName("-paths")).toAbsolutePath());
        try (Vsftpd partner = Vsftpd.start()) {
            // a folder outside the login folder, as a partner names it: /<somewhere>/drop
            Path absolute = owned(Files.createDirectories(dir.resolve("partner-drop")));
            Path routes = Files.createDirectories(dir.resolve("data/routes"));
            // unique: the test log outlives this run
            String relative = "made-" + TestFiles.uniqueName("") + "/here";
            FlowsTest.flow(routes, "to-partner", "publish", "server: partner", "outbox: " + dir.resolve("out"),
                    "remoteDir: " + absolute);
            FlowsTest.flow(routes, "from-partner", "ftp-to-mail", "server: partner", "remoteDir: " + absolute,
                    "mailTo: abs@example.org");
            FlowsTest.flow(routes, "made", "ftp-to-mail", "server: partner", "remoteDir: " + relative,
                    "mailTo: rel@example.org");
            Map<String, String> settings = Map.of("server.partner.protocol", "ftp", "server.partner.host", "127.0.0.1",
                    "server.partner.port", String.valueOf(partner.port()), "server.partner.username", Vsftpd.USER,
                    "server.partner.password", Vsftpd.PASSWORD);
            try (FerryApp app = FerryApp.start(dir.resolve("data"), settings)) {
                String name = TestFiles.uniqueName(".csv");
                byte[] content = TestFiles.randomBytes(4000);
                Files.write(Files.createDirectories(dir.resolve("out")).resolve(name), content);

                assertArrayEquals(content, Mails.attachment(mail(app, name), name));
                Path done = absolute.resolve(".done").resolve(name);
                await("the mailed file in " + done + " on the server's disk").atMost(Duration.ofSeconds(20))
                        .until(() -> Files.exists(done));
                assertArrayEquals(content, Files.readAllBytes(done));
                Path misread = partner.root().resolve(absolute.toString().substring(1));
                assertFalse(Files.exists(misread), "the absolute folder was read under the login folder: " + misread);

                // a relative folder that is missing: made under the login folder, and said so
                Path made = partner.root().resolve(relative);
                await(relative + " under the login folder").atMost(Duration.ofSeconds(20)).until(() -> Files.isDirectory(made));
                await("one log line for the folder Ferry created").atMost(Duration.ofSeconds(10))
                        .until(() -> TestLog.lines("created the folder " + relative + " on").size() == 1);
                String other = TestFiles.uniqueName(".txt");
                byte[] otherContent = TestFiles.randomBytes(500);
                Path staged = Files.write(made.resolve("." + other), otherContent);
                owned(staged);
                Files.move(staged, made.resolve(other));
                assertArrayEquals(otherContent, Mails.attachment(mail(app, other), other));
            }
        }
    }

    private static MimeMessage mail(FerryApp app, String name) {
        return await("a mail about " + name).atMost(Duration.ofSeconds(30))
                .until(() -> Mails.aboutFile(Arrays.asList(app.greenMail().getReceivedMessages()), name), m -> m != null);
    }

    /** vsftpd's user must own what it writes into or moves. */
    private static Path owned(Path path) throws Exception {
        Process p = new ProcessBuilder("chown", Vsftpd.USER + ":" + Vsftpd.USER, path.toString()).inheritIO().start();
        assertEquals(0, p.waitFor(), "chown " + path);
        assertTrue(Files.exists(path));
        return path;
    }
}
