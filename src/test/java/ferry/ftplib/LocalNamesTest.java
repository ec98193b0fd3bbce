package ferry.ftplib;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import ferry.embedded.EmbeddedFtpServer;
import ferry.support.TestFiles;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A remote file name never takes a download outside the chosen local folder. */
class LocalNamesTest {

    private final Path folder = Path.of("target", "test-data", "names-" + UUID.randomUUID()).toAbsolutePath();

    @ParameterizedTest
    @ValueSource(strings = {"../escape.txt", "../../etc/passwd", "/etc/passwd", "..\\..\\windows\\win.ini",
        "C:\\temp\\x.txt", "sub/../../x.txt", "..%2F..%2Fx.txt", "%2e%2e/x.txt"})
    void should_keep_a_hostile_name_inside_the_folder(String remote) {
        Path local = LocalNames.inside(folder, remote);
        // only the last segment is used, never decoded: the file lands directly in the folder
        assertEquals(folder.normalize(), local.getParent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "", "a/..", "dir/", "..\\", "x\0y", "../\0"})
    void should_refuse_a_name_that_is_not_a_file_name(String remote) {
        assertThrows(IllegalArgumentException.class, () -> LocalNames.inside(folder, remote));
    }

    @Test
    void should_download_an_odd_but_legal_name_under_exactly_that_name() throws Exception {
        String odd = "..%2F odd ;$(name) 'q' ü..txt";
        EmbeddedFtpServer mina = new EmbeddedFtpServer(folder.resolve("server"), "names", "names-pw", 0, "0");
        mina.start();
        CamelContext context = new DefaultCamelContext();
        context.start();
        try {
            byte[] content = TestFiles.randomBytes(1000);
            Files.write(Files.createDirectories(mina.getRoot()).resolve(odd), content);
            Path inbox = folder.resolve("inbox");
            context.createProducerTemplate().requestBodyAndHeader("ftplib:retrbinary?host=127.0.0.1&port=" + mina.getPort()
                    + "&username=names&password=names-pw&localDir=" + inbox, null, "FerryFtpPath", odd);
            assertArrayEquals(content, Files.readAllBytes(inbox.resolve(odd)));
            try (var listing = Files.list(folder)) {
                assertEquals(2, listing.count(), "only server/ and inbox/ under " + folder);
            }
        } finally {
            context.stop();
            mina.stop();
        }
    }
}
