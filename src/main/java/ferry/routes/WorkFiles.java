package ferry.routes;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Work files (downloads kept only while an exchange needs them) are removed when the exchange ends, however it ends. */
final class WorkFiles {

    private static final Logger LOG = LoggerFactory.getLogger(WorkFiles.class);

    private WorkFiles() {
    }

    static void deleteWhenDone(Exchange exchange) {
        // a download kept in memory (its bytes) has no work file
        if (!(exchange.getMessage().getBody() instanceof File file)) {
            return;
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                try {
                    Files.deleteIfExists(file.toPath());
                } catch (IOException e) {
                    // the original stays on the FTP server; a leftover work copy only costs disk
                    LOG.warn("Could not remove work file {}: {}", file, e.getMessage());
                }
            }
        });
    }
}
