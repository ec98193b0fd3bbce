package ferry.smtplib;

import java.util.Map;

/** The server could not be reached or the connection broke: unknown host, refused, timeout, TLS handshake. */
public class SmtpConnectionException extends SmtpException {

    public SmtpConnectionException(String operation, String server, String problem, Throwable cause) {
        super(operation, server, 0, null, problem, Map.of(), cause);
    }
}
