package ferry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import ferry.support.ProcessOutput;
import ferry.support.TestFiles;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ferry's entry point in its own JVM started from a folder that is not Ferry's: {@code --home DIR} and
 * {@code FERRY_HOME} name where config/, routes/ and data/ are; help and usage errors need neither.
 */
class HomeTest {

    /** A folder with nothing of Ferry's in it, where each process of this test starts. */
    private final Path elsewhere = mkdirs(Path.of("target", "elsewhere-" + UUID.randomUUID()).toAbsolutePath());

    @Test
    void should_answer_help_with_0_an_unknown_command_with_2_and_a_missing_home_in_one_line_from_any_folder() throws Exception {
        Result help = run(Map.of(), List.of(), "--help");
        assertEquals(0, help.code(), help.output());
        assertTrue(help.output().contains("Usage:") && help.output().contains("--home DIR"), help.output());
        Result unknown = run(Map.of(), List.of(), "frobnicate");
        assertEquals(2, unknown.code(), unknown.output());
        assertTrue(unknown.output().contains("unknown command 'frobnicate'") && unknown.output().contains("Usage:"), unknown.output());
        // a command that needs the configuration, without a home: says where it looked and how to name it
        Result status = run(Map.of(), List.of(), "status");
        assertEquals(1, status.code(), status.output());
        assertTrue(status.output().contains(elsewhere.resolve("config").resolve("application.properties") + " not found")
                && status.output().contains("--home DIR or FERRY_HOME"), status.output());
        // and so does Ferry itself, in one line
        Result run = run(Map.of(), List.of());
        assertEquals(1, run.code(), run.output());
        List<String> said = run.output().lines().filter(l -> l.contains("Ferry did not start")).toList();
        assertEquals(1, said.size(), run.output());
        assertTrue(said.get(0).endsWith("Ferry did not start: " + elsewhere.resolve("config").resolve("application.properties")
                + " not found: start Ferry in its folder, or name that folder with --home DIR or FERRY_HOME"), run.output());
        assertFalse(run.output().contains("FileNotFoundException"), run.output());
        Result validate = run(Map.of(), List.of(), "validate");
        assertEquals(1, validate.code(), validate.output());
        assertTrue(validate.output().startsWith(elsewhere.resolve("config").resolve("application.properties") + " not found: "),
                validate.output());
    }

    @Test
    void should_run_from_another_folder_with_home_and_answer_commands_with_ferry_home() throws Exception {
        Path home = mkdirs(Path.of("target", "home-" + UUID.randomUUID()).toAbsolutePath());
        copy(Path.of("config"), mkdirs(home.resolve("config")));
        copy(Path.of("routes"), mkdirs(home.resolve("routes")));
        // every server on an ephemeral port, in the home's configuration (later lines win): the embedded servers then
        // tell the flows the ports they bound (a -D system property would win over that)
        Files.writeString(home.resolve("config").resolve("application.properties"), "\ncamel.management.port = 0\nftp.port = 0"
                + "\nsmtp.port = 0\nimap.port = 0\nftp.embedded.passive-ports = 0\nferry.poll-delay = 200\nferry.outbox.stable-time = 200\n",
                java.nio.file.StandardOpenOption.APPEND);
        Process ferry = start(List.of(), "--home", home.toString());
        ProcessOutput lines = ProcessOutput.follow(ferry);
        try {
            await("Ferry's 'Ferry is running' line").atMost(Duration.ofSeconds(90)).until(() -> lines.has("Ferry is running"));
            String port = lines.lines().stream().filter(l -> l.contains("Console: http://")).findFirst().orElseThrow()
                    .replaceAll(".*Console: http://[^:]+:(\\d+)/.*", "$1");
            // the demo delivers a file dropped into the home's outbox to the embedded FTP server under the home's data/
            String name = TestFiles.uniqueName(".txt");
            byte[] content = TestFiles.randomBytes(2_000);
            Path staged = Files.write(home.resolve("data").resolve(".staged-" + name), content);
            Files.move(staged, home.resolve("data").resolve("outbox").resolve(name));
            Path done = home.resolve("data").resolve("ftp").resolve("incoming").resolve(".done").resolve(name);
            await("the file mailed on and moved to .done on the embedded server's disk under the home")
                    .atMost(Duration.ofSeconds(60)).until(() -> Files.exists(done));
            assertArrayEquals(content, Files.readAllBytes(done));
            assertFalse(Files.exists(elsewhere.resolve("data")), "nothing written to the working directory");

            // the command line from the same foreign folder, the home named by FERRY_HOME
            Result files = run(Map.of("FERRY_HOME", home.toString()), List.of("-Dcamel.management.port=" + port),
                    "files", "--delivered", "--flow", "publish", name);
            assertEquals(0, files.code(), files.output());
            assertTrue(files.output().lines().anyMatch(l -> l.startsWith("delivered") && l.contains(name)), files.output());
            assertFalse(files.output().contains("not running"), files.output());

            // validate checks the home's route files against the home's configuration
            Result valid = run(Map.of(), List.of(), "--home", home.toString(), "validate");
            assertEquals(0, valid.code(), valid.output());
            assertTrue(valid.output().contains("OK: 7 route file(s)"), valid.output());
            Files.writeString(home.resolve("routes").resolve("fetch.camel.yaml"), "- route: [never closed\n");
            Result invalid = run(Map.of("FERRY_HOME", home.toString()), List.of(), "validate");
            assertEquals(1, invalid.code(), invalid.output());
            assertTrue(invalid.output().contains(home.resolve("routes").resolve("fetch.camel.yaml") + " (line "), invalid.output());
        } finally {
            new ProcessBuilder("kill", "-INT", Long.toString(ferry.pid())).start().waitFor();
            assertTrue(ferry.waitFor(60, TimeUnit.SECONDS), "Ferry stops on SIGINT");
        }
        await("the 'Ferry stopped' line").atMost(Duration.ofSeconds(5)).until(() -> lines.has("Ferry stopped"));
    }

    /** How a command ended: its exit code and everything it printed. */
    private record Result(int code, String output) {
    }

    private Result run(Map<String, String> env, List<String> jvmArgs, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command(jvmArgs, args)).directory(elsewhere.toFile()).redirectErrorStream(true);
        pb.environment().remove("FERRY_HOME");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the command did not end: " + out);
        return new Result(p.exitValue(), out);
    }

    private Process start(List<String> jvmArgs, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command(jvmArgs, args)).directory(elsewhere.toFile()).redirectErrorStream(true);
        pb.environment().remove("FERRY_HOME");
        return pb.start();
    }

    private static List<String> command(List<String> jvmArgs, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlog4j2.configurationFile=" + Path.of("target/classes/log4j2.xml").toAbsolutePath()));
        cmd.addAll(jvmArgs);
        // the class path as absolute paths: the process runs elsewhere
        String classPath = String.join(java.io.File.pathSeparator, Stream.of(System.getProperty("java.class.path")
                .split(java.io.File.pathSeparator)).map(p -> Path.of(p).toAbsolutePath().toString()).toList());
        cmd.addAll(List.of("-cp", classPath, Ferry.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    private static Path mkdirs(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
