package ferry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.List;
import java.util.stream.Stream;

import ferry.routes.FetchTemplate;
import ferry.support.FerryApp;
import ferry.support.TestFiles;
import org.apache.camel.Exchange;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.TransferRatePermission;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seed's example (workflow fetch): each step reported, each failure in its own words, no partial file. */
class FetchTest {

    private static FerryApp app;

    @BeforeAll
    static void start() throws Exception {
        app = FerryApp.start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void should_download_the_sample_file_anonymously_into_the_inbox() throws Exception {
        Path inbox = app.data("inbox-" + UUID.randomUUID());
        String outcome = fetch("anonymous", "guest@example.org", "pub", "sample.txt", inbox);
        assertTrue(outcome.startsWith("downloaded sample.txt"), outcome);
        Path served = app.data("ftp-anonymous/pub/sample.txt");
        assertArrayEquals(Files.readAllBytes(served), Files.readAllBytes(inbox.resolve("sample.txt")));
    }

    @Test
    void should_report_an_unknown_directory() throws Exception {
        String outcome = fetch("anonymous", "", "no-such-dir", "sample.txt", app.data("inbox-" + UUID.randomUUID()));
        assertTrue(outcome.startsWith("cwd 'no-such-dir' failed on 127.0.0.1:"), outcome);
        assertTrue(outcome.contains("refused: 550 "), outcome);
    }

    @Test
    void should_report_an_unknown_file_and_leave_no_partial_file() throws Exception {
        Path inbox = app.data("inbox-" + UUID.randomUUID());
        String outcome = fetch("anonymous", "", "pub", "missing.txt", inbox);
        assertTrue(outcome.startsWith("retrbinary 'missing.txt' failed"), outcome);
        assertTrue(outcome.contains("refused: 550 "), outcome);
        assertTrue(isEmpty(inbox), "left files behind in " + inbox);
    }

    @Test
    void should_report_a_refused_login() throws Exception {
        String outcome = fetch(app.property("ftp.username"), "wrong-password", "pub", "sample.txt",
                app.data("inbox-" + UUID.randomUUID()));
        assertTrue(outcome.startsWith("login '" + app.property("ftp.username") + "' failed"), outcome);
        assertTrue(outcome.contains("refused: 530 "), outcome);
        assertFalse(outcome.contains("wrong-password"), outcome);
    }

    @Test
    void should_delete_the_partial_file_when_the_download_breaks() throws Exception {
        // a throttled account: the first block arrives, then the next one takes longer than the read timeout
        BaseUser slow = new BaseUser();
        slow.setName("slow");
        slow.setPassword("slow-pw");
        slow.setHomeDirectory(app.ftpRoot().toString());
        slow.setAuthorities(List.of(new TransferRatePermission(2_000, 0)));
        app.servers().ftp().users().save(slow);
        Files.write(app.ftpRoot().resolve("big.bin"), TestFiles.randomBytes(1_000_000));
        Path inbox = app.data("inbox-" + UUID.randomUUID());

        String outcome = fetch("slow", "slow-pw", "/", "big.bin", inbox, "1000");
        assertTrue(outcome.startsWith("retrbinary 'big.bin' failed"), outcome);
        assertTrue(outcome.contains("transfer broke after"), outcome);
        assertTrue(isEmpty(inbox), "partial file left in " + inbox);
    }

    /** Issue 13, point 10: '&', '+' and '%' in the user name, password, folder and file reach the server as written. */
    @Test
    void should_fetch_with_uri_characters_in_user_password_folder_and_file() throws Exception {
        BaseUser odd = new BaseUser();
        odd.setName("odd&user+1%41");
        odd.setPassword("p&ss+w%2Bd%");
        odd.setHomeDirectory(app.ftpRoot().toString());
        app.servers().ftp().users().save(odd);
        Path folder = Files.createDirectories(app.ftpRoot().resolve("in&out+more%20"));
        byte[] content = TestFiles.randomBytes(10_000);
        Files.write(folder.resolve("a&b+c%25+%.bin"), content);
        Path inbox = app.data("inbox&+%-" + UUID.randomUUID());

        String outcome = fetch("odd&user+1%41", "p&ss+w%2Bd%", "in&out+more%20", "a&b+c%25+%.bin", inbox);
        assertTrue(outcome.startsWith("downloaded a&b+c%25+%.bin"), outcome);
        assertArrayEquals(content, Files.readAllBytes(inbox.resolve("a&b+c%25+%.bin")));
    }

    private static String fetch(String user, String password, String dir, String file, Path inbox) throws Exception {
        return fetch(user, password, dir, file, inbox, "5000");
    }

    private static String fetch(String user, String password, String dir, String file, Path inbox, String timeout)
            throws Exception {
        String id = "fetch-" + UUID.randomUUID();
        TemplatedRouteBuilder.builder(app.context(), "fetch")
                .routeId(id)
                .parameter("trigger", "direct:" + id)
                .parameter("ftpHost", app.property("ftp.host"))
                .parameter("ftpPort", app.property("ftp.port"))
                .parameter("ftpUsername", user)
                .parameter("ftpPassword", password)
                .parameter("ftpTimeout", timeout)
                .parameter("directory", dir)
                .parameter("file", file)
                .parameter("inbox", inbox.toString())
                .add();
        Exchange done = app.context().createProducerTemplate().send("direct:" + id, e -> { });
        assertEquals(null, done.getException());
        return done.getProperty(FetchTemplate.OUTCOME, String.class);
    }

    private static boolean isEmpty(Path folder) throws Exception {
        if (!Files.exists(folder)) {
            return true;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.findAny().isEmpty();
        }
    }
}
