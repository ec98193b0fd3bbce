package ferry.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The lines a process prints, read as they come (a test waits for one while the process runs on). */
public final class ProcessOutput {

    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private ProcessOutput(Process process) {
        reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts reading what {@code process} prints (its output with its errors redirected into it). */
    public static ProcessOutput follow(Process process) {
        return new ProcessOutput(process);
    }

    /** The lines so far. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** All lines once the process ended: the reader drains the last ones first. */
    public List<String> all() throws InterruptedException {
        reader.join(5_000);
        return lines();
    }

    public boolean has(String fragment) {
        return lines().stream().anyMatch(l -> l.contains(fragment));
    }
}
