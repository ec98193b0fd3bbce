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

import org.apache.commons.io.output.DeferredFileOutputStream;

/**
 * Writes a download to a local file through a hidden part file beside it, renamed over the target only when
 * complete and removed on any failure (the seed's "delete the partial local file"); {@code rest} appends to
 * what an earlier attempt left under the target's name. A download allowed to stay in memory touches no file
 * unless it turns out larger than that allowance.
 */
final class LocalDownload {

    /** What fills the download's stream; returns the bytes it wrote. */
    @FunctionalInterface
    interface Transfer {
        long into(OutputStream out) throws FtpException;
    }

    private LocalDownload() {
    }

    /** What a download left: its bytes when it stayed in memory ({@code data}), else the complete {@code target} file. */
    record Downloaded(long bytes, byte[] data) {
    }

    /**
     * Downloads into {@code target}, or, when {@code inMemoryUpTo} is above 0 (never with {@code rest}), into memory
     * as long as no more than that many bytes come; past it they go on into the part file after all.
     */
    static Downloaded write(String remote, Path target, long rest, int inMemoryUpTo, String server, Transfer transfer)
            throws FtpException {
        // a short hidden name: a remote name at the file system's length limit still fits
        Path part = target.resolveSibling(".ferry-" + UUID.randomUUID() + ".part");
        try {
            OutputStream out = inMemoryUpTo > 0 && rest == 0
                    // the part file (and its folder) is created only once the threshold is passed
                    ? DeferredFileOutputStream.builder().setThreshold(inMemoryUpTo).setOutputFile(part).get()
                    : open(target, part, rest);
            long written;
            try (out) {
                written = transfer.into(out);
            }
            if (out instanceof DeferredFileOutputStream kept && kept.isInMemory()) {
                return new Downloaded(written, kept.getData());
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Downloaded(written, null);
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

    private static OutputStream open(Path target, Path part, long rest) throws IOException {
        Files.createDirectories(target.getParent());
        if (rest > 0 && Files.exists(target)) {
            Files.move(target, part, StandardCopyOption.REPLACE_EXISTING);
        }
        return rest > 0
                ? Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
                : Files.newOutputStream(part);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the caller reports the original failure; a leftover hidden .part file is harmless
        }
    }
}
