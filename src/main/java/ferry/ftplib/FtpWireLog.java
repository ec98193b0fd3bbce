package ferry.ftplib;

import org.apache.commons.net.ProtocolCommandEvent;
import org.apache.commons.net.ProtocolCommandListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The FTP conversation at TRACE on logger {@code ferry.ftplib.wire}, like ftplib's set_debuglevel; PASS masked. */
record FtpWireLog(String server) implements ProtocolCommandListener {

    static final Logger WIRE = LoggerFactory.getLogger("ferry.ftplib.wire");

    @Override
    public void protocolCommandSent(ProtocolCommandEvent event) {
        String line = event.getMessage().strip();
        WIRE.trace("{} {} > {}", server, Thread.currentThread().getName(),
                line.regionMatches(true, 0, "PASS", 0, 4) ? "PASS ********" : line);
    }

    @Override
    public void protocolReplyReceived(ProtocolCommandEvent event) {
        WIRE.trace("{} {} < {}", server, Thread.currentThread().getName(), event.getMessage().strip());
    }
}
