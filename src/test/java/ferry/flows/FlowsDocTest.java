package ferry.flows;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ferry.support.FerryApp;
import ferry.support.SftpServer;
import ferry.support.TestFiles;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * docs/flows.md's "Adding a partner", as written: its server block and its flow file, copied from the page, deliver
 * a file to a real SFTP server. Only what cannot be known in advance is replaced: the server's address, its host
 * key and the password (the page takes it from the environment).
 */
class FlowsDocTest {

    private static final Pattern BLOCK = Pattern.compile("```(properties|yaml)\\n(.*?)```", Pattern.DOTALL);

    @Test
    void should_deliver_with_the_server_block_and_flow_file_of_the_docs() throws Exception {
        String page = Files.readString(Path.of("docs", "flows.md"));
        Map<String, String> blocks = new HashMap<>();
        Matcher m = BLOCK.matcher(page);
        while (m.find()) {
            blocks.putIfAbsent(m.group(1), m.group(2));
        }
        Properties serverBlock = new Properties();
        serverBlock.load(new StringReader(blocks.get("properties")));
        String flowFile = blocks.get("yaml");
        // the page names the flow file routes/acme-out.camel.yaml
        assertEquals(List.of("acme-out"), Pattern.compile("routeId: (\\S+)").matcher(flowFile).results().map(r -> r.group(1)).toList());

        Path dir = Files.createDirectories(Path.of("target", "test-data", TestFiles.uniqueName("-doc")).toAbsolutePath());
        try (SftpServer acme = SftpServer.start(dir.resolve("sftp"), serverBlock.getProperty("server.acme.username"), "acme-pw")) {
            Map<String, String> settings = new HashMap<>();
            serverBlock.stringPropertyNames().forEach(k -> settings.put(k, serverBlock.getProperty(k)));
            settings.put("server.acme.host", "127.0.0.1");
            settings.put("server.acme.port", String.valueOf(acme.port()));
            settings.put("server.acme.password", "acme-pw");
            settings.put("server.acme.host-key-fingerprint", acme.fingerprint());
            Path data = dir.resolve("data");
            Files.createDirectories(data.resolve("routes"));
            Files.writeString(data.resolve("routes/acme-out.camel.yaml"), flowFile);
            Files.createDirectories(acme.root().resolve("upload"));
            try (FerryApp app = FerryApp.start(data, settings)) {
                String name = TestFiles.uniqueName(".csv");
                byte[] content = TestFiles.randomBytes(5000);
                Files.write(Files.createDirectories(data.resolve("acme")).resolve(name), content);
                Path arrived = acme.root().resolve("upload").resolve(name);
                await("the file on Acme's server at " + arrived).atMost(Duration.ofSeconds(30)).until(() -> Files.exists(arrived));
                assertArrayEquals(content, Files.readAllBytes(arrived));
            }
        }
    }
}
