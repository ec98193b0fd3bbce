package ferry.ftplib;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A download stream handed to the route. Its session can run no other command while it is open, so closing it
 * finishes the transfer (FTP: reads the server's final reply) and then tells the session, which may have been
 * asked to quit meanwhile.
 */
final class HandedOutStream extends FilterInputStream {

    /** What completes the transfer once the data is read. */
    @FunctionalInterface
    interface Finish {
        void run() throws IOException;
    }

    private final Finish finish;
    private final Runnable closed;
    private boolean done;

    HandedOutStream(InputStream in, Finish finish, Runnable closed) {
        super(in);
        this.finish = finish;
        this.closed = closed;
    }

    @Override
    public void close() throws IOException {
        if (done) {
            return;
        }
        done = true;
        try {
            super.close();
            finish.run();
        } finally {
            closed.run();
        }
    }
}
