package ferry.embedded;

import java.util.Locale;

import org.apache.ftpserver.ftplet.DefaultFtplet;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.FtpletResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs each command the embedded FTP server receives at DEBUG, with PASS masked: the server's side of the conversation. */
class CommandLog extends DefaultFtplet {

    private static final Logger LOG = LoggerFactory.getLogger(CommandLog.class);

    @Override
    public FtpletResult beforeCommand(FtpSession session, FtpRequest request) {
        if (LOG.isDebugEnabled()) {
            String command = request.getCommand().toUpperCase(Locale.ROOT);
            String line = "PASS".equals(command) ? "PASS xxxxxx" : request.getRequestLine();
            LOG.debug("{} {}", session.getClientAddress(), line);
        }
        return FtpletResult.DEFAULT;
    }
}
