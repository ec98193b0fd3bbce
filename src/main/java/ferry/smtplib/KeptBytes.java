package ferry.smtplib;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

/** Counts what is written and keeps it while it stays within a limit (past it, only the count goes on). */
final class KeptBytes extends OutputStream {

    private final int limit;
    private ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
    private long count;

    KeptBytes(int limit) {
        this.limit = limit;
    }

    @Override
    public void write(int b) {
        count++;
        if (bytes != null && count > limit) {
            bytes = null;
        }
        if (bytes != null) {
            bytes.write(b);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        count += len;
        if (bytes != null && count > limit) {
            bytes = null;
        }
        if (bytes != null) {
            bytes.write(b, off, len);
        }
    }

    long count() {
        return count;
    }

    /** What was written, or null when it outgrew the limit. */
    byte[] kept() {
        return bytes == null ? null : bytes.toByteArray();
    }
}
