package ferry.nntplib;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;

/**
 * An article (or its head or body) handed to the route as bytes while they arrive: the multi-line block read
 * through commons-net's dot-unstuffing reader, each ISO-8859-1 char back to the byte it came from, lines ending CR LF
 * as on the wire. The session runs its next command only after the block is read to its end; closing reads the rest.
 */
final class ArticleStream extends InputStream {

    private final BufferedReader block;
    private final Runnable closed;
    private final char[] chars = new char[8192];
    private boolean done;

    ArticleStream(BufferedReader block, Runnable closed) {
        this.block = block;
        this.closed = closed;
    }

    @Override
    public int read() throws IOException {
        if (done) {
            return -1;
        }
        int c = block.read();
        if (c < 0) {
            finish();
        }
        return c < 0 ? -1 : c & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (done) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        int n = block.read(chars, 0, Math.min(len, chars.length));
        if (n < 0) {
            finish();
            return -1;
        }
        for (int i = 0; i < n; i++) {
            b[off + i] = (byte) chars[i];
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        if (done) {
            return;
        }
        try {
            // the rest of the block must be read off the connection before the next command
            block.close();
        } finally {
            finish();
        }
    }

    private void finish() {
        if (!done) {
            done = true;
            closed.run();
        }
    }
}
