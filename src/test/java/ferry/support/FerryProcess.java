package ferry.support;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import ferry.Ferry;

/** Runs Ferry's real entry point in its own JVM from the project root, as a user would. */
public final class FerryProcess {

    /** How the process ended: its exit code and everything it printed. */
    public record Result(int exitCode, String output) {
    }

    private FerryProcess() {
    }

    public static Result run(Map<String, String> env, List<String> jvmArgs, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Ferry.class.getName()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("Ferry did not exit: " + out);
        }
        return new Result(p.exitValue(), out);
    }
}
