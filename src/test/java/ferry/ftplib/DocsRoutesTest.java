package ferry.ftplib;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ferry.embedded.EmbeddedFtpServer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The YAML routes of docs/ftplib.md, loaded as written, against a real FTP server (MINA). */
class DocsRoutesTest {

    private static EmbeddedFtpServer mina;
    private static Path data;
    private static CamelContext context;

    @BeforeAll
    static void start() throws Exception {
        data = Path.of("target", "test-data", "docs-" + UUID.randomUUID()).toAbsolutePath();
        mina = new EmbeddedFtpServer(data, "docs", "docs-pw", 0, "0");
        mina.start();
        context = new DefaultCamelContext();
        Properties config = new Properties();
        config.setProperty("ferry.data", data.toString());
        context.getPropertiesComponent().setInitialProperties(config);
        // the configured server, as camel.component.ftplib.* does in Ferry
        FtpLibComponent ftplib = new FtpLibComponent();
        ftplib.getConfiguration().setPort(mina.getPort());
        ftplib.getConfiguration().setUsername("docs");
        ftplib.getConfiguration().setPassword("docs-pw");
        context.addComponent("ftplib", ftplib);
        context.start();
        List<String> routes = yamlBlocks(Path.of("docs", "ftplib.md"));
        assertEquals(2, routes.size(), "YAML routes in docs/ftplib.md");
        for (int i = 0; i < routes.size(); i++) {
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("docs-" + i + ".camel.yaml", routes.get(i)));
        }
    }

    @AfterAll
    static void stop() {
        context.stop();
        mina.stop();
    }

    private static List<String> yamlBlocks(Path markdown) throws Exception {
        Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(markdown));
        List<String> blocks = new java.util.ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    @Test
    void should_download_with_login_cwd_retrbinary_as_documented() throws Exception {
        Exchange done = context.createProducerTemplate().send("direct:fetch-sample", e -> { });
        assertNull(done.getException(), String.valueOf(done.getException()));
        Path served = data.resolve("ftp-anonymous").resolve(EmbeddedFtpServer.SAMPLE);
        assertEquals(Files.readString(served), Files.readString(data.resolve("inbox/sample.txt")));
        assertEquals(221, done.getMessage().getHeader(FtpLibProducer.REPLY_CODE));
    }

    @Test
    void should_catch_a_permanent_refusal_and_upload_when_the_folder_is_there() throws Exception {
        Files.deleteIfExists(mina.getRoot().resolve("reports/daily.csv"));
        Files.deleteIfExists(mina.getRoot().resolve("reports"));
        Exchange refused = context.createProducerTemplate().send("direct:upload-report",
                e -> e.getMessage().setBody("a,b\n".getBytes(StandardCharsets.UTF_8)));
        assertNull(refused.getException(), String.valueOf(refused.getException()));
        assertEquals("refused", refused.getMessage().getBody(String.class));
        // MINA answers 551 for a missing folder (others 550 or 553): a 5xx, caught as FtpPermanentException
        int code = refused.getMessage().getHeader(FtpLibProducer.REPLY_CODE, Integer.class);
        assertTrue(code >= 500 && code < 600, "reply " + code);

        Files.createDirectories(mina.getRoot().resolve("reports"));
        Exchange uploaded = context.createProducerTemplate().send("direct:upload-report",
                e -> e.getMessage().setBody("a,b\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("uploaded", uploaded.getMessage().getBody(String.class));
        assertEquals("a,b\n", Files.readString(mina.getRoot().resolve("reports/daily.csv")));
    }
}
