package ferry.ftplib;

import java.nio.file.Path;

/** Maps a remote file name to a local file that can never lie outside the chosen folder. */
final class LocalNames {

    private LocalNames() {
    }

    static Path inside(Path folder, String remote) {
        String name = remote.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("remote name '" + remote.replace("\0", "\\0")
                    + "' cannot be stored as a local file name");
        }
        Path base = folder.toAbsolutePath().normalize();
        Path target = base.resolve(name).normalize();
        if (!target.getParent().equals(base)) {
            throw new IllegalArgumentException("remote name '" + remote + "' would be written outside " + base);
        }
        return target;
    }
}
