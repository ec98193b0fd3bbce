package ferry.smtplib;

import java.io.File;

import org.apache.camel.WrappedFile;

/** Recognises a body that is a local file: a {@link File} or what Camel's file consumer delivers. */
final class Bodies {

    private Bodies() {
    }

    static File file(Object body) {
        if (body instanceof File f) {
            return f;
        }
        if (body instanceof WrappedFile<?> w && w.getFile() instanceof File f) {
            return f;
        }
        return null;
    }
}
