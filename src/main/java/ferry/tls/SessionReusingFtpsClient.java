package ferry.tls;

import java.io.IOException;
import java.net.Socket;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;

import org.apache.commons.net.ftp.FTPSClient;

/**
 * An FTPS client whose data connections resume the control connection's TLS session, as vsftpd
 * ({@code require_ssl_reuse=YES}, its default) and FileZilla Server demand; commons-net alone opens a new one.
 */
public class SessionReusingFtpsClient extends FTPSClient {

    private final SSLContext context;
    private SSLSession resumable;
    private SessionCache.Ticket ticket;

    public SessionReusingFtpsClient(boolean implicit, SSLContext context) {
        super(implicit, context);
        this.context = context;
        try {
            SessionCache.preferSessionIds(context.getClientSessionContext());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(openingHint(e), e);
        }
    }

    @Override
    protected void _connectAction_() throws IOException {
        // a client is reconnected after failures: never offer the previous connection's session
        resumable = null;
        ticket = null;
        super._connectAction_();
    }

    @Override
    protected void _prepareDataSocket_(Socket dataSocket) throws IOException {
        if (!(dataSocket instanceof SSLSocket) || !(_socket_ instanceof SSLSocket control)) {
            return;
        }
        SSLSessionContext sessions = context.getClientSessionContext();
        try {
            if (resumable == null) {
                // TLS 1.3: the ticket the server sent after the handshake, cached under the control address (the JDK
                // takes it out of the cache once used, so keep it); TLS 1.2: the handshake's session itself
                resumable = SessionCache.resumable(sessions, _hostname_, getRemotePort());
                if (resumable == null) {
                    resumable = control.getSession();
                }
                ticket = SessionCache.keepTicket(resumable);
            } else if (ticket != null) {
                SessionCache.restoreTicket(resumable, ticket);
            }
            SessionCache.fileUnder(sessions, dataSocket.getInetAddress().getHostAddress(), dataSocket.getPort(), resumable);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new SSLException("cannot reuse the control connection's TLS session for the data connection to "
                    + dataSocket.getInetAddress().getHostAddress() + ":" + dataSocket.getPort() + ": " + openingHint(e), e);
        }
    }

    private static String openingHint(Exception e) {
        return "JSSE internals are closed (start the JVM with --add-opens java.base/sun.security.ssl=ALL-UNNAMED"
                + " --add-opens java.base/sun.security.util=ALL-UNNAMED; java -jar ferry.jar does it): " + e;
    }
}
