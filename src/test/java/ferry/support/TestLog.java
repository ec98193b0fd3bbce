package ferry.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The suite's log file (target/test.log, see log4j2-test.xml), for assertions on what Ferry logged. */
public final class TestLog {

    private TestLog() {
    }

    /** Lines that contain every one of the given fragments. */
    public static List<String> lines(String... fragments) {
        try {
            return Files.readAllLines(Path.of("target/test.log")).stream()
                    .filter(line -> {
                        for (String f : fragments) {
                            if (!line.contains(f)) {
                                return false;
                            }
                        }
                        return true;
                    }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
