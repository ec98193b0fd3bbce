package ferry.smtplib;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/** Lets Jakarta Mail write a message's bytes into commons-net's DATA Writer, one byte per ISO-8859-1 char. */
final class Latin1Bridge extends OutputStream {

    private final Writer out;
    private final char[] chars = new char[8192];

    Latin1Bridge(Writer out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b & 0xff);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, chars.length);
            for (int i = 0; i < n; i++) {
                chars[i] = (char) (b[off + i] & 0xff);
            }
            out.write(chars, 0, n);
            off += n;
            len -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }
}
