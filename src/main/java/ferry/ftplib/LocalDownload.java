package ferry.ftplib;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes a download to a local file through a hidden part file beside it, renamed over the target only when
 * complete and removed on any failure (the seed's "delete the partial local file"); {@code rest} appends to
 * what an earlier attempt left under the target's name.
 */
final class LocalDownload {

    /** What fills the part file; returns the bytes it wrote. */
    @FunctionalInterface
    interface Transfer {
        long into(OutputStream out) throws FtpException;
    }

    private LocalDownload() {
    }

    static long write(String remote, Path target, long rest, String server, Transfer transfer) throws FtpException {
        // a short hidden name: a remote name at the file system's length limit still fits
        Path part = target.resolveSibling(".ferry-" + UUID.randomUUID() + ".part");
        try {
            Files.createDirectories(target.getParent());
            if (rest > 0 && Files.exists(target)) {
                Files.move(target, part, StandardCopyOption.REPLACE_EXISTING);
            }
            long written;
            try (OutputStream out = rest > 0
                    ? Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
                    : Files.newOutputStream(part)) {
                written = transfer.into(out);
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return written;
        } catch (FileSystemException e) {
            deleteQuietly(part);
            // the local side refused (name too long, no permission, disk full): say so, not "connection"
            throw new UncheckedIOException("retrbinary '" + remote + "': cannot write local file " + target
                    + ": " + (e.getReason() == null ? e.getClass().getSimpleName() : e.getReason()), e);
        } catch (IOException e) {
            deleteQuietly(part);
            throw new FtpConnectionException("retrbinary", remote, server, "local file " + target + ": " + e.getMessage(), e);
        } catch (FtpException | RuntimeException e) {
            deleteQuietly(part);
            throw e;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the caller reports the original failure; a leftover hidden .part file is harmless
        }
    }
}
