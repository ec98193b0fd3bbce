package ferry.smtplib;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol conversation of a step with debug=true (smtplib's set_debuglevel), one log line per line, and of the
 * message only its headers, so a large attachment never floods the log. The AUTH exchange never gets here: Angus
 * Mail leaves it out of its trace ({@code mail.debug.auth=false}, see MailSessions), and LMTP has no AUTH.
 */
final class ConversationLog extends OutputStream {

    private static final Logger LOG = LoggerFactory.getLogger(ConversationLog.class);

    private final String server;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private Data data = Data.NONE;
    private long bodyLines;

    private enum Data { NONE, HEADERS, BODY }

    ConversationLog(String server) {
        this.server = server;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            log(line.toString(StandardCharsets.UTF_8));
            line.reset();
        } else if (b != '\r') {
            line.write(b);
        }
    }

    /**
     * Writes a whole line at once (used for LMTP, whose client reports commands and replies as strings); after a 354
     * the message's bytes written to this stream are logged as over SMTP: headers, then the body's line count.
     */
    synchronized void line(String text) {
        for (String part : text.split("\\r?\\n")) {
            if (!part.isEmpty()) {
                LOG.info("{} {}", server, part);
                if (data == Data.NONE && part.startsWith("354")) {
                    data = Data.HEADERS;
                }
            }
        }
    }

    /** The message written after a 354 is complete (LMTP: its end of data is not written through this stream). */
    synchronized void endOfMessage() {
        flushLine();
        if (data == Data.BODY) {
            LOG.info("{} (message body: {} lines)", server, bodyLines);
        }
        data = Data.NONE;
    }

    private void log(String part) {
        if (data == Data.BODY) {
            if (part.equals(".")) {
                LOG.info("{} (message body: {} lines)", server, bodyLines);
                LOG.info("{} .", server);
                data = Data.NONE;
            } else {
                bodyLines++;
            }
            return;
        }
        if (data == Data.HEADERS && part.isEmpty()) {
            data = Data.BODY;
            bodyLines = 0;
            return;
        }
        if (part.isEmpty()) {
            return;
        }
        if (data == Data.NONE && part.startsWith("354")) {
            data = Data.HEADERS;
        }
        LOG.info("{} {}", server, part);
    }

    @Override
    public synchronized void flush() {
        // a line is logged when complete; a partial line waits for its end
    }

    @Override
    public synchronized void close() {
        flushLine();
    }

    private void flushLine() {
        if (line.size() > 0) {
            log(line.toString(StandardCharsets.UTF_8));
            line.reset();
        }
    }
}
