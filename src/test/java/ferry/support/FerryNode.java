package ferry.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ferry.Ferry;

import static org.awaitility.Awaitility.await;

/** One Ferry instance in its own JVM (Ferry's real entry point), with its log in a file; can be killed with SIGKILL. */
public final class FerryNode implements AutoCloseable {

    private final String id;
    private final Process process;
    private final Path log;

    private FerryNode(String id, Process process, Path log) {
        this.id = id;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code java <jvmArgs> ferry.Ferry} with {@code -Dferry.instance-id=id} and waits until it runs. */
    public static FerryNode start(String id, List<String> jvmArgs, Map<String, String> env, Path log) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        // Ferry's own logging (INFO to the console, here the log file), not the tests' configuration on the class path
        cmd.add("-Dlog4j2.configurationFile=" + Path.of("target", "classes", "log4j2.xml").toAbsolutePath());
        cmd.add("-Dferry.instance-id=" + id);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Ferry.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        FerryNode node = new FerryNode(id, pb.start(), log);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!node.process.isAlive()) {
                throw new AssertionError(id + " exited at startup: " + node.log());
            }
            return node.log().contains("Ferry is running");
        });
        return node;
    }

    public String id() {
        return id;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /**
     * Ctrl-C: sends SIGINT (as a terminal does) and waits for the process to end, at most {@code limit}; returns
     * how long the stop took.
     */
    public Duration interrupt(Duration limit) throws Exception {
        long start = System.nanoTime();
        // the shell's own kill: a minimal Debian has no /bin/kill (procps), every sh has the builtin
        Process kill = new ProcessBuilder("sh", "-c", "kill -INT " + process.pid()).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -INT " + process.pid() + " failed for " + id);
        }
        if (!process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new AssertionError(id + " did not stop within " + limit + " of SIGINT: " + log());
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** kill -9: no shutdown hook, no clean-up, claims left as they were. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
