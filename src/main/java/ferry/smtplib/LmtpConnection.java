package ferry.smtplib;

import java.io.IOException;
import java.io.Writer;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import org.apache.commons.net.ProtocolCommandEvent;
import org.apache.commons.net.ProtocolCommandListener;
import org.apache.commons.net.smtp.SMTPClient;
import org.apache.commons.net.smtp.SMTPReply;

/**
 * An LMTP conversation (smtplib's LMTP class) over commons-net's SMTP client: LHLO instead of EHLO, and after
 * DATA one reply per accepted recipient, so each recipient is delivered or refused on its own.
 */
final class LmtpConnection implements MailConnection {

    // ISO-8859-1 maps each byte to one char and back, so the message's bytes pass the client's Writer unchanged
    private final SMTPClient client = new SMTPClient(StandardCharsets.ISO_8859_1.name());
    private final Session session;
    private final String server;
    private final ConversationLog conversation;
    // LHLO offered SIZE: MAIL FROM then says how large the message is, as SMTP (and smtplib) do
    private boolean sizeOffered;

    private LmtpConnection(SmtpSettings settings) {
        this.session = MailSessions.create(settings);
        this.server = settings.server();
        client.setConnectTimeout(settings.timeoutMillis());
        client.setDefaultTimeout(settings.timeoutMillis());
        this.conversation = settings.debug() ? new ConversationLog(server) : null;
        if (conversation != null) {
            client.addProtocolCommandListener(new Trace(conversation));
        }
    }

    static LmtpConnection open(SmtpSettings settings) throws SmtpException {
        if (settings.security() != SmtpSecurity.NONE || settings.username() != null) {
            throw new IllegalArgumentException("smtplib protocol=lmtp speaks plain LMTP without AUTH (local delivery);"
                    + " security=" + settings.security().name().toLowerCase() + " and username are not supported with it");
        }
        LmtpConnection connection = new LmtpConnection(settings);
        connection.connect(settings);
        return connection;
    }

    private void connect(SmtpSettings settings) throws SmtpException {
        try {
            client.connect(settings.host(), settings.port());
        } catch (UnknownHostException e) {
            throw new SmtpConnectionException("connect", server, "unknown host", e);
        } catch (ConnectException | NoRouteToHostException e) {
            throw new SmtpConnectionException("connect", server, "connection refused or unreachable", e);
        } catch (SocketTimeoutException e) {
            throw new SmtpConnectionException("connect", server, "timed out", e);
        } catch (IOException e) {
            throw new SmtpConnectionException("connect", server, e.getMessage(), e);
        }
        expect("connect", client.getReplyCode());
        String helo = settings.heloName() != null ? settings.heloName() : "localhost";
        expect("lhlo", run("lhlo", () -> client.sendCommand("LHLO", helo)));
        for (String line : client.getReplyStrings()) {
            // "250-SIZE 10240000" or "250 SIZE": the keyword after the code and its separator
            String keyword = line.length() > 4 ? line.substring(4).trim().split("\\s+")[0] : "";
            sizeOffered |= "SIZE".equalsIgnoreCase(keyword);
        }
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
        // like smtplib (and Ferry's SMTP): the size up front, so an oversized message is refused before DATA
        String from = "<" + mail.envelopeFrom() + ">" + (sizeOffered ? " SIZE=" + mail.size("mail", server) : "");
        expect("mail", run("mail", () -> client.mail(from)));
        Map<String, String> refused = new LinkedHashMap<>();
        List<String> accepted = new ArrayList<>();
        for (String recipient : mail.recipients()) {
            int code = run("rcpt", () -> client.rcpt("<" + recipient + ">"));
            if (SMTPReply.isPositiveCompletion(code)) {
                accepted.add(recipient);
            } else {
                refused.put(recipient, reply());
            }
        }
        if (accepted.isEmpty()) {
            reset();
            throw Replies.allRefused("sendmail", server, refused);
        }
        Writer data = run("data", client::sendMessageData);
        if (data == null) {
            throw Replies.failure("data", server, client.getReplyCode(), reply(), null);
        }
        write(mail, data);
        String last = "";
        // LMTP answers the end of data once per accepted recipient, in RCPT order
        for (String recipient : accepted) {
            int code = run("data", client::getReply);
            last = reply();
            if (!SMTPReply.isPositiveCompletion(code)) {
                refused.put(recipient, last);
            }
        }
        if (refused.size() == mail.recipients().size()) {
            throw Replies.allRefused("sendmail", server, refused);
        }
        return new SendResult(refused, SMTPReply.ACTION_OK, last);
    }

    private void write(OutgoingMail mail, Writer data) throws SmtpException {
        try (Writer out = data) {
            java.io.OutputStream bytes = new Latin1Bridge(out);
            if (conversation != null) {
                // debug=true: the headers and the body's line count in the log, as over SMTP
                bytes = new org.apache.commons.io.output.TeeOutputStream(bytes, conversation);
            }
            mail.message().writeTo(bytes, OutgoingMail.NOT_SENT);
            if (conversation != null) {
                conversation.endOfMessage();
            }
        } catch (IOException e) {
            throw new SmtpConnectionException("data", server, "transfer broke: " + e.getMessage(), e);
        } catch (MessagingException e) {
            throw new SmtpException("data", server, 0, null, "cannot read the message: " + e.getMessage(), null, e);
        }
    }

    @Override
    public String noop() throws SmtpException {
        expect("noop", run("noop", client::noop));
        return reply();
    }

    @Override
    public String quit() {
        if (!isOpen()) {
            return "";
        }
        try {
            client.quit();
            return reply();
        } catch (IOException e) {
            // the conversation is ending anyway; a broken QUIT must not fail the work already done
            return e.getMessage();
        } finally {
            close();
        }
    }

    @Override
    public boolean isOpen() {
        return client.isConnected();
    }

    @Override
    public void close() {
        try {
            client.disconnect();
        } catch (IOException e) {
            // nothing left to save on a connection being thrown away
        }
    }

    private void reset() {
        try {
            client.rset();
        } catch (IOException e) {
            // the caller reports the refusal; a connection that cannot reset is closed by the producer
        }
    }

    private String reply() {
        return Replies.withCode(client.getReplyCode(), client.getReplyString());
    }

    private void expect(String operation, int code) throws SmtpException {
        if (!SMTPReply.isPositiveCompletion(code)) {
            throw Replies.failure(operation, server, code, reply(), null);
        }
    }

    @FunctionalInterface
    private interface LmtpCall<T> {
        T call() throws IOException;
    }

    private <T> T run(String operation, LmtpCall<T> call) throws SmtpException {
        try {
            return call.call();
        } catch (SocketTimeoutException e) {
            throw new SmtpConnectionException(operation, server, "timed out", e);
        } catch (IOException e) {
            throw new SmtpConnectionException(operation, server, "connection lost: " + e.getMessage(), e);
        }
    }

    /** Feeds commons-net's command and reply events to the conversation log. */
    private record Trace(ConversationLog log) implements ProtocolCommandListener {
        @Override
        public void protocolCommandSent(ProtocolCommandEvent event) {
            log.line(event.getMessage());
        }

        @Override
        public void protocolReplyReceived(ProtocolCommandEvent event) {
            log.line(event.getMessage());
        }
    }
}
