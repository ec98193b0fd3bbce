package ferry.smtplib;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.net.ssl.SSLException;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/** An SMTP conversation over Angus Mail's transport: connect (TLS, AUTH as configured), send, noop, quit. */
final class SmtpConnection implements MailConnection {

    private final Session session;
    private final SMTPTransport transport;
    private final String server;
    private volatile boolean closed;

    private SmtpConnection(Session session, SMTPTransport transport, String server) {
        this.session = session;
        this.transport = transport;
        this.server = server;
    }

    static SmtpConnection open(SmtpSettings settings) throws SmtpException {
        Session session = MailSessions.create(settings);
        SMTPTransport transport;
        try {
            transport = (SMTPTransport) session.getTransport("smtp");
        } catch (NoSuchProviderException e) {
            throw new SmtpException("connect", settings.server(), 0, null, "Angus Mail's SMTP provider is missing", null, e);
        }
        SmtpConnection connection = new SmtpConnection(session, transport, settings.server());
        try {
            transport.connect(settings.host(), settings.port(), settings.username(),
                    settings.username() == null ? null : settings.password());
        } catch (AuthenticationFailedException e) {
            throw connection.failure("login", e);
        } catch (MessagingException e) {
            if (settings.security() == SmtpSecurity.STARTTLS && String.valueOf(e.getMessage()).contains("STARTTLS")) {
                // a permanent refusal: waiting does not make the server offer STARTTLS
                throw new SmtpPermanentException("starttls", settings.server(),
                        "the server offers no STARTTLS and security=starttls requires it", e);
            }
            throw connection.failure("connect", e);
        }
        return connection;
    }

    @Override
    public Session session() {
        return session;
    }

    @Override
    public String server() {
        return server;
    }

    @Override
    public SendResult send(OutgoingMail mail) throws SmtpException {
        Address[] recipients = addresses(mail);
        mail.message().setEnvelopeFrom(mail.envelopeFrom());
        mail.message().setSendPartial(true);
        if (transport.supportsExtension("SIZE")) {
            // like smtplib: tell the server the size up front, so an oversized message is refused before DATA
            mail.message().setMailExtension("SIZE=" + mail.size("sendmail", server));
        }
        try {
            transport.sendMessage(mail.message(), recipients);
            return new SendResult(Map.of(), transport.getLastReturnCode(), reply());
        } catch (SendFailedException e) {
            Map<String, String> refused = refused(e);
            boolean someSent = e.getValidSentAddresses() != null && e.getValidSentAddresses().length > 0;
            if (someSent && !refused.isEmpty()) {
                return new SendResult(refused, transport.getLastReturnCode(), reply());
            }
            if (!refused.isEmpty() && !(e instanceof SMTPSendFailedException)) {
                throw Replies.allRefused("sendmail", server, refused);
            }
            throw failure(operationOf(e), e);
        } catch (MessagingException e) {
            throw failure("sendmail", e);
        }
    }

    @Override
    public String noop() throws SmtpException {
        try {
            transport.issueCommand("NOOP", 250);
            return reply();
        } catch (MessagingException e) {
            throw failure("noop", e);
        }
    }

    @Override
    public String quit() {
        if (!isOpen()) {
            return "";
        }
        close();
        return reply();
    }

    /**
     * Open until closed. Not Angus Mail's {@code isConnected()}: it asks the server with a NOOP, a round trip per mail
     * when asked after each one. A conversation that failed is closed by the producer, and one the server dropped
     * while idle is found by the pool's NOOP before it is handed out again, so a local answer is enough here.
     */
    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public void close() {
        closed = true;
        try {
            transport.close();
        } catch (MessagingException e) {
            // the conversation is ending anyway; a broken QUIT must not fail the work already done
        }
    }

    private String reply() {
        String text = transport.getLastServerResponse();
        return text == null ? "" : Replies.withCode(transport.getLastReturnCode(), text);
    }

    private Address[] addresses(OutgoingMail mail) {
        Address[] out = new Address[mail.recipients().size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = new InternetAddress(mail.recipients().get(i), true);
            } catch (AddressException e) {
                throw new IllegalArgumentException("smtplib:sendmail: recipient '" + mail.recipients().get(i)
                        + "' is not a valid address: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** The recipients Angus reports as failed, in the order they were sent, each with the server's reply. */
    private static Map<String, String> refused(MessagingException e) {
        Map<String, String> refused = new LinkedHashMap<>();
        for (Exception next = e; next instanceof MessagingException m; next = m.getNextException()) {
            if (m instanceof SMTPAddressFailedException f) {
                refused.put(f.getAddress().getAddress(), Replies.withCode(f.getReturnCode(), f.getMessage()));
            }
        }
        return refused;
    }

    private static String operationOf(MessagingException e) {
        if (e instanceof SMTPSendFailedException f && f.getCommand() != null) {
            String command = f.getCommand().strip();
            return command.startsWith("MAIL") ? "mail" : command.equals(".") || command.startsWith("DATA") ? "data"
                    : "sendmail";
        }
        return "sendmail";
    }

    /** Turns what Angus threw into smtplib's error: connection problems, else by the reply code. */
    private SmtpException failure(String operation, MessagingException e) {
        Throwable cause = rootIo(e);
        if (cause instanceof UnknownHostException) {
            return new SmtpConnectionException(operation, server, "unknown host", e);
        }
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
            return new SmtpConnectionException(operation, server, "connection refused or unreachable", e);
        }
        if (cause instanceof SocketTimeoutException) {
            return new SmtpConnectionException(operation, server, "timed out", e);
        }
        if (cause instanceof javax.net.ssl.SSLHandshakeException) {
            // an untrusted certificate, one issued for another host name, no common TLS version: waiting won't help
            String host = server.substring(0, server.lastIndexOf(':'));
            return new SmtpPermanentException(operation, server, "TLS handshake with " + host
                    + " refused (certificate untrusted or not issued for " + host + "?): " + cause.getMessage(), e);
        }
        if (cause instanceof SSLException) {
            return new SmtpConnectionException(operation, server, "TLS handshake failed: " + cause.getMessage(), e);
        }
        int code = e instanceof SMTPSendFailedException f ? f.getReturnCode() : transport.getLastReturnCode();
        String text = e instanceof SMTPSendFailedException f ? f.getMessage() : transport.getLastServerResponse();
        if (code >= 400 && code < 600) {
            return Replies.failure(operation, server, code, text, e);
        }
        if (cause != null) {
            return new SmtpConnectionException(operation, server, "connection lost: " + cause.getMessage(), e);
        }
        return new SmtpException(operation, server, code, text, String.valueOf(e.getMessage()), null, e);
    }

    private static Throwable rootIo(Throwable e) {
        // MessagingException's cause is its next exception, so one walk covers both chains
        int depth = 0;
        for (Throwable t = e; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof IOException) {
                return t;
            }
        }
        return null;
    }
}
