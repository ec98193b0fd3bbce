package ferry;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import ferry.support.ProcessOutput;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ferry's own log (log4j2.xml, as shipped) in a real process: dates, the true address, how it stops, one line per
 * fault.
 */
class LogTest {

    @Test
    void should_log_dates_the_true_address_sigint_and_a_stopped_line_without_the_configuration_dump() throws Exception {
        Process ferry = start("0");
        ProcessOutput lines = ProcessOutput.follow(ferry);
        await("Ferry's 'Ferry is running' line").atMost(Duration.ofSeconds(90))
                .until(() -> lines.has("Ferry is running"));
        new ProcessBuilder("kill", "-INT", Long.toString(ferry.pid())).start().waitFor();
        assertTrue(ferry.waitFor(60, TimeUnit.SECONDS), "Ferry stops on SIGINT");
        String log = String.join("\n", lines.all());
        assertTrue(lines.has("Ferry stopping (SIGINT)"), log);
        assertFalse(log.contains("SIGTERM"), "SIGINT is not reported as SIGTERM: " + log);
        assertTrue(lines.has("Ferry stopped"), log);
        // every line that starts with a time starts with the date first
        assertTrue(lines.all().stream().filter(l -> l.matches("^\\d.*"))
                .allMatch(l -> l.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3} .*")), "dated lines: " + log);
        assertTrue(lines.all().get(0).matches("\\d{4}-\\d{2}-\\d{2} .*"), log);
        assertTrue(log.contains("Console: http://127.0.0.1:"), log);
        assertFalse(log.contains("0.0.0.0"), "no wildcard address announced: " + log);
        assertFalse(log.contains("Auto-configuration summary") || log.contains("Configuration ("),
                "the configuration dump is not at INFO: " + log);
    }

    @Test
    void should_dump_every_setting_at_debug_after_the_banner_with_secrets_masked() throws Exception {
        // the shipped log4j2.xml with the dump's logger at DEBUG, as its comment says
        Path config = Path.of("target", "log4j2-debug-" + UUID.randomUUID() + ".xml").toAbsolutePath();
        String shipped = Files.readString(Path.of("target/classes/log4j2.xml"));
        String debug = shipped.replace("<Logger name=\"ferry.config.ConfigurationDump\" level=\"INFO\"/>",
                "<Logger name=\"ferry.config.ConfigurationDump\" level=\"DEBUG\"/>");
        assertFalse(debug.equals(shipped), "log4j2.xml names the dump's logger");
        Files.writeString(config, debug);
        String password = "pw-" + UUID.randomUUID();
        String token = "tok-" + UUID.randomUUID();
        Process ferry = start("0", Path.of("target", "log-test-" + UUID.randomUUID()).toAbsolutePath(),
                "-Dlog4j2.configurationFile=" + config, "-Dftp.password=" + password, "-Dferry.console.token=" + token);
        ProcessOutput lines = ProcessOutput.follow(ferry);
        await("the configuration dump").atMost(Duration.ofSeconds(90)).until(() -> lines.has("  ftp.port = "));
        new ProcessBuilder("kill", "-INT", Long.toString(ferry.pid())).start().waitFor();
        assertTrue(ferry.waitFor(60, TimeUnit.SECONDS), "Ferry stops on SIGINT");
        List<String> all = lines.all();
        String log = String.join("\n", all);
        int banner = indexOf(all, "Ferry is running");
        int dump = indexOf(all, "Configuration (");
        assertTrue(banner >= 0 && dump > banner, "the dump after the banner: " + log);
        assertTrue(all.get(dump).matches(".* DEBUG .*Configuration \\(\\d+ settings, secrets masked\\):"), all.get(dump));
        assertTrue(all.contains(all.stream().filter(l -> l.endsWith(" DEBUG ConfigurationDump      -   ftp.port = 1")).findFirst()
                .orElse("no ftp.port line")), "the value Ferry runs with (-D): " + log);
        assertTrue(lines.has("  ftp.password = xxxxxx") && lines.has("  ferry.console.token = xxxxxx"), log);
        assertTrue(lines.has("  ftp.password-file = "), "where a secret is kept is no secret: " + log);
        assertFalse(log.contains(password) || log.contains(token), "a secret in the log: " + log);
        assertFalse(log.contains("Auto-configuration summary"), "Camel's own summary: " + log);
    }

    private static int indexOf(List<String> lines, String fragment) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(fragment)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void should_stop_startup_with_one_line_when_the_management_port_is_taken() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            Process ferry = start(Integer.toString(taken.getLocalPort()));
            ProcessOutput lines = ProcessOutput.follow(ferry);
            assertTrue(ferry.waitFor(90, TimeUnit.SECONDS), "Ferry gives up");
            assertEquals(1, ferry.exitValue());
            List<String> said = lines.all().stream().filter(l -> l.contains("is in use by another process")).toList();
            assertEquals(1, said.size(), String.join("\n", lines.all()));
            assertTrue(said.get(0).contains("camel.management.port " + taken.getLocalPort()), said.get(0));
            assertFalse(lines.has("Console: http"), "no console announced");
            assertFalse(lines.all().stream().anyMatch(l -> l.startsWith("\tat ")), "no stack trace");
        }
    }

    @Test
    void should_log_a_server_down_at_start_and_a_refused_file_in_one_line_each_without_a_stack_trace() throws Exception {
        Path data = Path.of("target", "log-test-" + UUID.randomUUID()).toAbsolutePath();
        Process ferry = start("0", data);
        ProcessOutput lines = ProcessOutput.follow(ferry);
        String down = "ftp-to-mail: cannot poll ftp://127.0.0.1:1/incoming: connect failed: connection refused or unreachable (health DOWN";
        await("the one line saying why ftp-to-mail cannot poll").atMost(Duration.ofSeconds(90)).until(() -> lines.has(down));
        // a name no FTP command can carry fails for good at once, with the FTP server down or not
        String unique = "t-" + UUID.randomUUID();
        Path refused = data.resolve("outbox").resolve(unique + "\n" + unique + ".txt");
        Files.writeString(refused, "x");
        await("the refused file moved to failed/").atMost(Duration.ofSeconds(30))
                .until(() -> Files.exists(data.resolve("failed").resolve(refused.getFileName())));
        new ProcessBuilder("kill", "-INT", Long.toString(ferry.pid())).start().waitFor();
        assertTrue(ferry.waitFor(60, TimeUnit.SECONDS), "Ferry stops on SIGINT");
        List<String> all = lines.all();
        String log = String.join("\n", all);
        assertEquals(1, all.stream().filter(l -> l.contains(down)).count(), log);
        assertFalse(all.stream().anyMatch(l -> l.startsWith("\tat ")), "no stack trace: " + log);
        assertFalse(log.contains("Error auto creating directory"), "camel-ftp's start-up warning: " + log);
        assertEquals(1, all.stream().filter(l -> l.contains("publish: " + unique + "_" + unique + ".txt not delivered, kept at ")
                && l.contains("contains a line break")).count(), log);
        assertFalse(log.contains("Rollback file strategy"), "camel-file's rollback warning: " + log);
        assertFalse(all.stream().anyMatch(l -> l.startsWith(unique)), "a line forged by the name: " + log);
    }

    @Test
    void should_log_a_file_waiting_out_a_fault_in_one_line_per_reply_naming_flow_file_reason_and_next_attempt() throws Exception {
        Path data = Path.of("target", "log-test-" + UUID.randomUUID()).toAbsolutePath();
        // an FTP server too busy to serve (421 at every connect), later gone: publish retries every 100 to 200 ms
        ServerSocket busy = new ServerSocket();
        busy.bind(new InetSocketAddress("127.0.0.1", 0));
        Thread server = new Thread(() -> {
            while (true) {
                try (java.net.Socket client = busy.accept()) {
                    client.getOutputStream().write("421 Too many users, try again later.\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (java.io.IOException e) {
                    return; // closed by the test: from now on connecting is refused
                }
            }
        });
        server.setDaemon(true);
        server.start();
        Process ferry = start("0", data, "-Dferry.retry.delay=100", "-Dferry.retry.max-delay=200", "-Dftp.port=" + busy.getLocalPort());
        ProcessOutput lines = ProcessOutput.follow(ferry);
        await("Ferry's 'Console: http://...' line").atMost(Duration.ofSeconds(90)).until(() -> lines.has("Console: http://"));
        String console = lines.all().stream().filter(l -> l.contains("Console: http://")).findFirst().orElseThrow()
                .replaceAll(".*Console: (http://[^/ ]+)/.*", "$1");
        String name = "waits-" + UUID.randomUUID() + ".txt";
        Files.writeString(data.resolve("outbox").resolve(name), "x");
        // the console's Waiting table: since when, the server's last reply, attempts, the next attempt
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        io.vertx.core.json.JsonObject waiting = await("the file in /api/waiting after 4 failed attempts")
                .atMost(Duration.ofSeconds(60)).until(() -> waitingEntry(http, console, name), w -> w != null && w.getInteger("attempts") >= 4);
        assertEquals("publish", waiting.getString("flow"));
        assertTrue(waiting.getString("lastReply").contains("server default: ")
                && waiting.getString("lastReply").contains("421 Too many users, try again later."),
                waiting.encode());
        long now = System.currentTimeMillis();
        assertTrue(waiting.getLong("since") <= now && waiting.getLong("since") > now - 60_000, waiting.encode());
        assertTrue(waiting.getLong("nextAttempt") > waiting.getLong("since"), waiting.encode());
        // the server gone: another reply, another line
        busy.close();
        int before = waiting.getInteger("attempts");
        await("4 more failed attempts, refused").atMost(Duration.ofSeconds(60)).until(() -> waitingEntry(http, console, name),
                w -> w.getInteger("attempts") >= before + 4 && w.getString("lastReply").contains("connection refused"));
        new ProcessBuilder("kill", "-INT", Long.toString(ferry.pid())).start().waitFor();
        assertTrue(ferry.waitFor(60, TimeUnit.SECONDS), "Ferry stops on SIGINT");
        List<String> all = lines.all();
        String log = String.join("\n", all);
        // a line for the file per reply, however many attempts: flow, file, servers, the reason and when it is tried
        // again (then the stop's own line: left in the outbox)
        List<String> about = all.stream().filter(l -> l.contains(name)).toList();
        assertEquals(3, about.size(), log);
        assertTrue(about.get(0).matches(".* WARN .*publish: " + name + " waiting out a fault \\(attempt 1 failed, server default\\): "
                + "connect failed on 127\\.0\\.0\\.1:\\d+: .*421 Too many users, try again later\\.; next attempt at \\d\\d:\\d\\d:\\d\\d"), about.get(0));
        assertTrue(about.get(1).matches(".* WARN .*publish: " + name + " waiting out a fault \\(attempt \\d+ failed, server default\\): "
                + "connect failed on 127\\.0\\.0\\.1:\\d+: connection refused or unreachable; next attempt at \\d\\d:\\d\\d:\\d\\d"), about.get(1));
        assertTrue(about.get(2).contains("publish: stopping while " + name + " waited to be retried"), about.get(2));
        // not Camel's own line per attempt, which names neither the flow nor the file
        assertFalse(log.contains("On delivery attempt") || log.contains("Failed delivery for"), log);
        assertTrue(Files.exists(data.resolve("outbox").resolve(name)), "the file stays in the outbox after the stop");
    }

    /** The file's entry in a running Ferry's /api/waiting, or null. */
    private static io.vertx.core.json.JsonObject waitingEntry(java.net.http.HttpClient http, String console, String name)
            throws Exception {
        String body = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(console + "/api/waiting")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        return new io.vertx.core.json.JsonArray(body).stream().map(io.vertx.core.json.JsonObject.class::cast)
                .filter(w -> name.equals(w.getString("name"))).findFirst().orElse(null);
    }

    /** Ferry's entry point in its own JVM with the shipped log4j2.xml, no embedded servers, nothing to reach. */
    private static Process start(String managementPort) throws Exception {
        return start(managementPort, Path.of("target", "log-test-" + UUID.randomUUID()).toAbsolutePath());
    }

    private static Process start(String managementPort, Path data, String... properties) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlog4j2.configurationFile=" + Path.of("target/classes/log4j2.xml").toAbsolutePath(),
                "-Dferry.embedded=false", "-Dftp.port=1", "-Dsmtp.port=1",
                "-Dcamel.management.port=" + managementPort,
                "-Dferry.data=" + data));
        cmd.addAll(List.of(properties));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Ferry.class.getName()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }
}
