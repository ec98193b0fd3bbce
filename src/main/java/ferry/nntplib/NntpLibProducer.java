package ferry.nntplib;

import java.io.InputStream;

import ferry.pool.ConnectionPool;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one nntplib operation on the exchange's news session. Steps of one exchange share a session (so
 * {@code group} selects what the following {@code next} walks); it goes back to the component's pool when the
 * exchange completes, or is closed after a failure that may have left it out of step.
 */
public class NntpLibProducer extends DefaultProducer {

    static final String SESSION_PREFIX = "FerryNntpSession:";
    private static final Logger LOG = LoggerFactory.getLogger(NntpLibProducer.class);

    private final NntpLibEndpoint endpoint;
    private final NntpOperation operation;
    private final NntpSettings settings;
    private final String key;

    public NntpLibProducer(NntpLibEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.operation = endpoint.getOperation();
        this.settings = endpoint.settings();
        this.key = SESSION_PREFIX + settings.key();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        NntpSession session = exchange.getProperty(key, NntpSession.class);
        Message message = exchange.getMessage();
        if (operation == NntpOperation.QUIT) {
            exchange.removeProperty(key);
            message.setBody(session == null ? "" : session.quit());
            return;
        }
        if (session == null || !session.isOpen()) {
            session = borrow(exchange);
        }
        Object result;
        try {
            if (!operation.beforeLogin()) {
                session.login();
            }
            result = perform(session, message);
        } catch (NntpTemporaryException | NntpPermanentException | NntpReplyException | NntpDataException e) {
            // the server answered: the conversation is still in step, unless it said goodbye (400) or data broke off
            if (e.getReplyCode() == 400 || e instanceof NntpDataException) {
                drop(session, exchange);
            }
            throw e;
        } catch (Exception e) {
            drop(session, exchange);
            throw e;
        }
        message.setHeader(NntpHeaders.REPLY_CODE, session.replyCode());
        message.setHeader(NntpHeaders.REPLY_TEXT, session.replyText());
        message.setBody(result);
        LOG.debug("{} on {}: {}", operation.step(), session.server(), session.replyText());
    }

    private NntpSession borrow(Exchange exchange) throws NntpException {
        ConnectionPool<NntpSettings, NntpSession> pool = endpoint.getComponent().pool();
        NntpSession session = pool.borrow(settings, NntpSession::open);
        exchange.setProperty(key, session);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                // kept for the next exchange when still in a clean state, else said goodbye to
                pool.release(settings, session);
            }
        });
        return session;
    }

    private void drop(NntpSession session, Exchange exchange) {
        // a broken session is never handed out again; closed now so a retried exchange does not hold two
        session.close();
        exchange.removeProperty(key);
    }

    private Object perform(NntpSession session, Message message) throws Exception {
        return switch (operation) {
            case LOGIN -> login(session);
            case GETWELCOME -> session.welcome();
            case GETCAPABILITIES -> session.capabilities();
            case STARTTLS -> session.starttls();
            case LIST -> session.list(arg(message, NntpHeaders.PATTERN, endpoint.getPattern(), "pattern"));
            case DESCRIPTIONS -> session.descriptions(arg(message, NntpHeaders.PATTERN, endpoint.getPattern(), "pattern"));
            case GROUP -> group(session, message);
            case NEWGROUPS -> session.newgroups(since(message));
            case NEWNEWS -> session.newnews(required(arg(message, NntpHeaders.GROUP, endpoint.getGroup(), "group"),
                    "group"), since(message));
            case OVER -> over(session, message);
            case STAT -> pointer(session, message, "stat", "STAT", article(message));
            case NEXT -> pointer(session, message, "next", "NEXT", null);
            case LAST -> pointer(session, message, "last", "LAST", null);
            case HEAD, BODY, ARTICLE -> retrieve(session, message);
            case POST -> post(session, message);
            case DATE -> session.date();
            case QUIT -> throw new IllegalStateException("quit is handled before a session is opened");
        };
    }

    private String login(NntpSession session) throws NntpException {
        if (settings.username() == null || settings.username().isBlank()) {
            throw new IllegalArgumentException("nntplib:login needs a username (the username option)");
        }
        return session.login();
    }

    private GroupStatus group(NntpSession session, Message message) throws NntpException {
        GroupStatus status = session.group(required(arg(message, NntpHeaders.GROUP, endpoint.getGroup(), "group"), "group"));
        message.setHeader(NntpHeaders.COUNT, status.count());
        message.setHeader(NntpHeaders.FIRST, status.first());
        message.setHeader(NntpHeaders.LAST, status.last());
        return status;
    }

    private Object over(NntpSession session, Message message) throws NntpException {
        String group = arg(message, NntpHeaders.GROUP, endpoint.getGroup(), "group");
        if (group != null && !group.isBlank()) {
            session.group(group.strip());
        }
        return session.over(arg(message, NntpHeaders.RANGE, endpoint.getRange(), "range"));
    }

    private ArticlePointer pointer(NntpSession session, Message message, String op, String command, String article)
            throws NntpException {
        ArticlePointer pointer = session.pointer(op, command, article);
        setPointer(message, pointer);
        return pointer;
    }

    private InputStream retrieve(NntpSession session, Message message) throws NntpException {
        ArticlePointer pointer = session.retrieve(operation.step(), article(message));
        setPointer(message, pointer);
        // a stream, never the whole article in memory: the route writes it on as it arrives
        return session.stream();
    }

    private String post(NntpSession session, Message message) throws Exception {
        InputStream article = message.getMandatoryBody(InputStream.class);
        String reply = session.post(article);
        // INN and most servers name the Message-ID they stored in the 240 line
        int open = reply.indexOf('<');
        int close = reply.indexOf('>', open + 1);
        if (open >= 0 && close > open) {
            message.setHeader(NntpHeaders.MESSAGE_ID, reply.substring(open, close + 1));
        }
        return reply;
    }

    private static void setPointer(Message message, ArticlePointer pointer) {
        message.setHeader(NntpHeaders.ARTICLE_NUMBER, pointer.number());
        message.setHeader(NntpHeaders.MESSAGE_ID, pointer.messageId());
    }

    private String article(Message message) {
        return CommandLines.article(arg(message, NntpHeaders.ARTICLE, endpoint.getArticle(), "article"));
    }

    private java.time.Instant since(Message message) {
        return NntpSession.parseSince(required(arg(message, NntpHeaders.SINCE, endpoint.getSince(), "since"), "since"));
    }

    private static String arg(Message message, String header, String option, String what) {
        return CommandLines.check(what, message.getHeader(header, option, String.class));
    }

    private String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("nntplib:" + operation.step() + " needs a " + what + " (the " + what
                    + " option or its FerryNntp header)");
        }
        return value.strip();
    }
}
