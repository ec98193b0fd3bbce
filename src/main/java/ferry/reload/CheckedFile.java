package ferry.reload;

import java.nio.file.Path;
import java.util.Set;

/**
 * A route file as it was read and checked: the exact bytes (so what is applied is what was checked),
 * the route ids it defines, and the problem that refuses it, if any.
 */
public record CheckedFile(Path file, byte[] content, Set<String> routeIds, Problem problem) {

    public boolean ok() {
        return problem == null;
    }
}
