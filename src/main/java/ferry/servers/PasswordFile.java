package ferry.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A password kept in a file (a container's secret): its first line. Messages name the key and the file, never the content. */
final class PasswordFile {

    private PasswordFile() {
    }

    static String read(String file) throws IOException {
        return Files.readAllLines(Path.of(file)).stream().findFirst().orElse("");
    }

    /** Why the file gave no password, for a message after its key: {@code = '/run/secrets/ftp' cannot be read (...)}. */
    static String unreadable(String file, IOException e) {
        return "= '" + file + "' cannot be read (" + e.getClass().getSimpleName() + ")";
    }
}
