package ferry.ftplib;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import ferry.progress.ProgressInputStream;
import ferry.progress.TransferProgress;

/** Copies a transfer in blocks of the step's size, with progress lines, or reads it as lines; a broken stream is a connection error. */
final class BlockCopy {

    private BlockCopy() {
    }

    /**
     * Copies and closes {@code in} through {@code buffer} (one block); {@code expectedSize} (or -1) lets progress lines
     * say how long is left.
     */
    static long copy(String operation, String path, String server, InputStream in, OutputStream out, byte[] buffer,
                     long expectedSize, long progressInterval) throws FtpException {
        long total = 0;
        // a stream that reports its own progress (publish's UploadProgress) is not reported a second time
        TransferProgress progress = in instanceof ProgressInputStream ? null
                : new TransferProgress(operation + " " + path + " on " + server, expectedSize, progressInterval);
        try (InputStream source = in) {
            int n;
            while ((n = source.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                total += n;
                if (progress != null) {
                    progress.add(n);
                }
            }
            return total;
        } catch (IOException e) {
            throw new FtpConnectionException(operation, path, server, "transfer broke after " + total + " bytes: "
                    + e.getMessage(), e);
        }
    }

    /** Reads and closes {@code in} as UTF-8 lines (any line end), as retrlines hands them to its callback. */
    static List<String> lines(String operation, String path, String server, InputStream in) throws FtpException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
            return lines;
        } catch (IOException e) {
            throw new FtpConnectionException(operation, path, server, "transfer broke: " + e.getMessage(), e);
        }
    }
}
