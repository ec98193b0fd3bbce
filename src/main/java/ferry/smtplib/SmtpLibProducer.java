package ferry.smtplib;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;
import ferry.pool.ConnectionPool;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one smtplib operation on the exchange's mail connection. Steps of one exchange share a connection (several
 * sendmail steps, one login); it is closed by {@code quit} or when the exchange completes, whatever happened.
 */
public class SmtpLibProducer extends DefaultProducer {

    public static final String REFUSED = "FerryMailRefused";
    public static final String REPLY_CODE = "FerryMailReplyCode";
    public static final String REPLY_TEXT = "FerryMailReplyText";
    public static final String MESSAGE_ID = "FerryMailMessageId";
    /** In: the Subject (the same as MailOptions' FerryMailSubject). */
    public static final String SUBJECT = MailOptions.SUBJECT;
    /** Header: the mail's To: addresses (overrides the step's to option). */
    public static final String TO = MailOptions.TO;
    /** Header: the mail's Cc: addresses. */
    public static final String CC = MailOptions.CC;
    /** Header: blind copies (envelope recipients with no header). */
    public static final String BCC = MailOptions.BCC;
    /** In: the Message-ID a composed message gets (the same on every attempt of one file); default: a fresh one. */
    public static final String SET_MESSAGE_ID = "FerryMailSetMessageId";
    static final String CONNECTION_PREFIX = "FerrySmtpConnection:";

    private static final Logger LOG = LoggerFactory.getLogger(SmtpLibProducer.class);

    private final SmtpLibEndpoint endpoint;
    private final SmtpSettings settings;
    private final String key;

    public SmtpLibProducer(SmtpLibEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        // the endpoint's options are fixed by the time it makes a producer (and invalid ones fail here)
        this.settings = endpoint.settings();
        this.key = CONNECTION_PREFIX + settings.key();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        SmtpOperation op = endpoint.getOperation();
        KeptConnection kept = exchange.getProperty(key, KeptConnection.class);
        if (op == SmtpOperation.QUIT) {
            exchange.removeProperty(key);
            exchange.getMessage().setBody(kept == null ? "" : kept.quit());
            return;
        }
        if (kept == null || !kept.connection().isOpen()) {
            SmtpLibComponent component = (SmtpLibComponent) endpoint.getComponent();
            ConnectionPool<SmtpSettings, KeptConnection> pool = component.pool();
            kept = pool.borrow(settings, s -> new KeptConnection(open(s), component.getMessagesPerConnection()));
            exchange.setProperty(key, kept);
            KeptConnection opened = kept;
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    // kept for the next exchange while in step and under its message cap, else closed
                    pool.release(settings, opened);
                }
            });
        }
        try {
            if (op == SmtpOperation.SENDMAIL) {
                kept.countMessage();
                sendmail(kept.connection(), exchange);
            } else {
                exchange.getMessage().setBody(kept.connection().noop());
            }
        } catch (SmtpException | RuntimeException e) {
            // after a failure the conversation's state is unknown: the next step starts a fresh one
            exchange.removeProperty(key);
            kept.close();
            throw e;
        }
    }

    private static MailConnection open(SmtpSettings settings) throws SmtpException {
        MailConnection connection = settings.protocol() == MailProtocol.LMTP
                ? LmtpConnection.open(settings) : SmtpConnection.open(settings);
        LOG.debug("Connected to {} ({}, security {})", connection.server(), settings.protocol(), settings.security());
        return connection;
    }

    private void sendmail(MailConnection connection, Exchange exchange) throws Exception {
        MailOptions options = MailOptions.of(exchange, endpoint);
        boolean raw = endpoint.isRaw() || exchange.getMessage().getBody() instanceof MimeMessage;
        try (OutgoingMail mail = raw ? RawMessages.read(exchange, options, connection.session())
                : MessageBuilder.compose(exchange, options, connection.session())) {
            EsmtpOptions.apply(mail.message(), endpoint);
            SendResult result = connection.send(mail);
            Map<String, String> refused = new LinkedHashMap<>(result.refused());
            Message out = exchange.getMessage();
            String messageId = mail.message().getMessageID();
            out.setBody(refused);
            out.setHeader(REFUSED, refused);
            out.setHeader(REPLY_CODE, result.replyCode());
            out.setHeader(REPLY_TEXT, result.replyText());
            out.setHeader(MESSAGE_ID, messageId);
            LOG.debug("sendmail {} to {} via {}: {}{}", messageId, mail.recipients(), connection.server(),
                    result.replyText(), refused.isEmpty() ? "" : ", refused " + refused);
        }
    }
}
