package ferry.progress;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts what is read through it into a {@link TransferProgress}. */
public final class ProgressInputStream extends FilterInputStream {

    private final TransferProgress progress;

    public ProgressInputStream(InputStream in, TransferProgress progress) {
        super(in);
        this.progress = progress;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            progress.add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
        int n = super.read(buffer, off, len);
        if (n > 0) {
            progress.add(n);
        }
        return n;
    }
}
