package ferry.progress;

import java.io.File;
import java.io.FileInputStream;

import org.apache.camel.Exchange;

/**
 * Hands the upload step a stream over the outbox file that reports progress as the server reads it
 * (still streamed from disk, never held in memory).
 */
public final class UploadProgress {

    public static final String INTERVAL = "FerryProgressInterval";
    static final String FILE = "FerryUploadFile";

    private UploadProgress() {
    }

    public static void wrap(Exchange exchange) throws Exception {
        File file = exchange.getMessage().getMandatoryBody(File.class);
        exchange.setProperty(FILE, file);
        open(exchange, file);
    }

    /** Before a redelivery: the previous attempt consumed the stream, so the next one gets a fresh one. */
    public static void rewind(Exchange exchange) throws Exception {
        File file = exchange.getProperty(FILE, File.class);
        if (file == null) {
            return;
        }
        Object previous = exchange.getMessage().getBody();
        if (previous instanceof java.io.Closeable c) {
            c.close();
        }
        open(exchange, file);
    }

    private static void open(Exchange exchange, File file) throws Exception {
        long interval = Long.parseLong(exchange.getProperty(INTERVAL, "5", String.class).trim());
        TransferProgress progress = new TransferProgress(exchange.getFromRouteId() + ": uploading " + file.getName(),
                file.length(), interval);
        exchange.getMessage().setBody(new ProgressInputStream(new FileInputStream(file), progress));
        // the console shows it while it runs
        Transfers transfers = exchange.getContext().getRegistry().lookupByNameAndType(Transfers.BEAN, Transfers.class);
        if (transfers != null) {
            transfers.track(exchange, progress);
        }
    }
}
