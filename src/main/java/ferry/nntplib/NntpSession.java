package ferry.nntplib;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ferry.pool.Reusable;
import org.apache.commons.net.MalformedServerReplyException;
import org.apache.commons.net.nntp.NNTPConnectionClosedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One conversation with a news server, like an {@code nntplib.NNTP} object, on commons-net's NNTPClient: connect
 * (TLS from the first byte for NNTPS), MODE READER, STARTTLS when asked; AUTHINFO on the first step that needs it,
 * so a route can call starttls before login. Every failure is the matching {@link NntpException}. Not
 * thread-safe; one exchange uses it at a time.
 */
final class NntpSession implements Reusable {

    private static final Logger LOG = LoggerFactory.getLogger(NntpSession.class);
    private static final DateTimeFormatter WIRE_DATE = DateTimeFormatter.ofPattern("yyyyMMdd HHmmss", Locale.ROOT);
    private static final DateTimeFormatter DATE_REPLY = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT);
    private static final List<String> STANDARD_OVERVIEW = List.of("subject", "from", "date", "message-id",
            "references", ":bytes", ":lines");

    private final NntpSettings settings;
    private final NntpClient client = new NntpClient();
    private final String server;
    private String welcome = "";
    private String tlsReply = "";
    private boolean tls;
    private String loginReply;
    private List<String> overviewFormat;
    private boolean xover;
    private ArticleStream open;

    private NntpSession(NntpSettings settings) {
        this.settings = settings;
        this.server = settings.server();
        client.setConnectTimeout(settings.timeoutMillis());
        client.setDefaultTimeout(settings.timeoutMillis());
    }

    /** Connects (NNTPS: TLS from the first byte), asks for reader mode, and with security=starttls switches to TLS. */
    static NntpSession open(NntpSettings settings) throws NntpException {
        NntpSession session = new NntpSession(settings);
        try {
            session.connect();
            if (settings.readerMode()) {
                // INN answers in transit mode until told; it then hands the connection to nnrpd
                int code = session.send("connect", null, "MODE READER");
                if (code != 200 && code != 201) {
                    throw session.failure("mode reader", null, code);
                }
            }
            if (settings.security() == NntpSecurity.STARTTLS) {
                session.starttls();
            }
            return session;
        } catch (NntpException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private void connect() throws NntpException {
        String host = settings.host();
        try {
            if (settings.security() == NntpSecurity.SSL) {
                client.setSocketFactory(settings.tls().socketFactory());
            }
            client.connect(host, settings.effectivePort());
            // the greeting is read while connecting; the socket timeout holds for every later read
            client.setSoTimeout(settings.timeoutMillis());
        } catch (UnknownHostException e) {
            throw new NntpConnectionException("connect", null, server, "unknown host " + host, e);
        } catch (ConnectException | NoRouteToHostException e) {
            throw new NntpConnectionException("connect", null, server, "connection refused or unreachable", e);
        } catch (SocketTimeoutException e) {
            throw new NntpConnectionException("connect", null, server, "timed out", e);
        } catch (MalformedServerReplyException e) {
            throw new NntpProtocolException("connect", null, server, 0, e.getMessage(), e);
        } catch (javax.net.ssl.SSLHandshakeException e) {
            throw untrusted("connect", e);
        } catch (IOException e) {
            throw new NntpConnectionException("connect", null, server, String.valueOf(e.getMessage()), e);
        }
        int code = client.getReplyCode();
        welcome = replyText();
        if (code != 200 && code != 201) {
            throw failure("connect", null, code);
        }
    }

    private NntpPermanentException untrusted(String operation, Exception e) {
        // an untrusted certificate, one issued for another host name, no common TLS version: waiting won't help
        return new NntpPermanentException(operation, null, server, "TLS handshake with " + settings.host()
                + " refused (certificate untrusted or not issued for " + settings.host() + "?): " + e.getMessage(), e);
    }

    @Override
    public String server() {
        return server;
    }

    int replyCode() {
        return client.getReplyCode();
    }

    String replyText() {
        String text = client.getReplyString();
        return text == null ? "" : text.strip();
    }

    String welcome() {
        return welcome;
    }

    /** STARTTLS (RFC 4642): the rest of the conversation, AUTHINFO included, is encrypted. */
    String starttls() throws NntpException {
        if (tls || settings.security() == NntpSecurity.SSL) {
            return settings.security() == NntpSecurity.SSL ? welcome : tlsReply;
        }
        if (loginReply != null) {
            throw new IllegalStateException("nntplib:starttls on " + server + " after login: TLS cannot be started"
                    + " after authentication (RFC 4642); call starttls before login, or set security=starttls");
        }
        int code = send("starttls", null, "STARTTLS");
        if (code != 382) {
            throw failure("starttls", null, code);
        }
        tlsReply = replyText();
        try {
            client.startTls(settings.tls().socketFactory(), settings.host(), settings.tls().protocolList());
        } catch (javax.net.ssl.SSLHandshakeException e) {
            throw untrusted("starttls", e);
        } catch (IOException e) {
            throw new NntpConnectionException("starttls", null, server, "TLS handshake failed: " + e.getMessage(), e);
        }
        tls = true;
        return tlsReply;
    }

    /** AUTHINFO USER/PASS once per session; without a user name nothing is sent (the server's anonymous access). */
    String login() throws NntpException {
        if (loginReply != null) {
            return loginReply;
        }
        String user = settings.username();
        if (user == null || user.isEmpty()) {
            loginReply = "";
            return loginReply;
        }
        int code = call("login", user, () -> client.authinfoUser(user));
        if (code == 381) {
            String password = settings.password() == null ? "" : settings.password();
            code = call("login", user, () -> client.authinfoPass(password));
        }
        if (code != 281) {
            throw failure("login", user, code);
        }
        loginReply = replyText();
        return loginReply;
    }

    boolean loggedIn() {
        return loginReply != null;
    }

    /** CAPABILITIES: each label with its arguments, in the server's order. */
    Map<String, List<String>> capabilities() throws NntpException {
        Map<String, List<String>> caps = new LinkedHashMap<>();
        for (String line : lines("getcapabilities", null, "CAPABILITIES", 101)) {
            String[] words = line.strip().split("\\s+");
            if (!words[0].isEmpty()) {
                caps.put(words[0].toUpperCase(Locale.ROOT), List.of(words).subList(1, words.length));
            }
        }
        return caps;
    }

    /** LIST ACTIVE, with a wildmat pattern when given. */
    List<GroupInfo> list(String pattern) throws NntpException {
        String command = pattern == null || pattern.isBlank() ? "LIST ACTIVE" : "LIST ACTIVE " + pattern.strip();
        return groups("list", pattern, lines("list", pattern, command, 215));
    }

    /** LIST NEWSGROUPS: each group's description (UTF-8), by group. */
    Map<String, String> descriptions(String pattern) throws NntpException {
        String command = pattern == null || pattern.isBlank() ? "LIST NEWSGROUPS" : "LIST NEWSGROUPS " + pattern.strip();
        Map<String, String> descriptions = new LinkedHashMap<>();
        for (String line : lines("descriptions", pattern, command, 215)) {
            String[] parts = utf8(line).split("[\t ]+", 2);
            descriptions.put(parts[0], parts.length > 1 ? parts[1].strip() : "");
        }
        return descriptions;
    }

    GroupStatus group(String name) throws NntpException {
        int code = send("group", name, "GROUP " + name);
        if (code != 211) {
            throw failure("group", name, code);
        }
        String[] words = replyText().split("\\s+");
        try {
            return new GroupStatus(Long.parseLong(words[1]), Long.parseLong(words[2]), Long.parseLong(words[3]),
                    words.length > 4 ? words[4] : name);
        } catch (RuntimeException e) {
            throw new NntpDataException("group", name, server, code, replyText(), e);
        }
    }

    List<GroupInfo> newgroups(Instant since) throws NntpException {
        return groups("newgroups", null, lines("newgroups", null, "NEWGROUPS " + wireDate(since) + " GMT", 231));
    }

    /** NEWNEWS: Message-IDs of articles that arrived in groups matching {@code wildmat} since the date. */
    List<String> newnews(String wildmat, Instant since) throws NntpException {
        List<String> ids = new ArrayList<>();
        for (String line : lines("newnews", wildmat, "NEWNEWS " + wildmat + " " + wireDate(since) + " GMT", 230)) {
            if (!line.isBlank()) {
                ids.add(line.strip());
            }
        }
        return ids;
    }

    /** OVER (XOVER where the server lacks OVER) for a range such as {@code 5-}, {@code 5-9} or a Message-ID. */
    List<Overview> over(String range) throws NntpException {
        List<String> format = overviewFormat();
        String argument = range == null || range.isBlank() ? "" : " " + range.strip();
        List<String> lines;
        if (!xover) {
            int code = send("over", range, "OVER" + argument);
            if (code == 500) {
                // an older server: XOVER is the same command under its pre-RFC 3977 name
                xover = true;
            } else if (code != 224) {
                throw failure("over", range, code);
            }
        }
        if (xover) {
            int code = send("over", range, "XOVER" + argument);
            if (code != 224) {
                throw failure("over", range, code);
            }
        }
        lines = readBlock("over", range);
        List<Overview> result = new ArrayList<>();
        for (String line : lines) {
            String[] values = utf8(line).split("\t", -1);
            try {
                Map<String, String> fields = new LinkedHashMap<>();
                for (int i = 0; i < format.size() && i + 1 < values.length; i++) {
                    String name = format.get(i);
                    String value = values[i + 1];
                    if (i >= STANDARD_OVERVIEW.size() && value.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                        // "full" fields repeat their header name
                        value = value.substring(name.length() + 1).strip();
                    }
                    fields.put(name, value);
                }
                result.add(new Overview(Long.parseLong(values[0]), fields));
            } catch (NumberFormatException e) {
                throw new NntpDataException("over", range, server, 224, "overview line '" + line + "'", e);
            }
        }
        return result;
    }

    private List<String> overviewFormat() throws NntpException {
        if (overviewFormat == null) {
            List<String> format = new ArrayList<>(STANDARD_OVERVIEW);
            int code = send("over", null, "LIST OVERVIEW.FMT");
            if (code == 215) {
                List<String> listed = readBlock("over", null);
                for (String field : listed.subList(Math.min(STANDARD_OVERVIEW.size(), listed.size()), listed.size())) {
                    String name = field.strip().toLowerCase(Locale.ROOT);
                    int colon = name.indexOf(':');
                    format.add(colon > 0 ? name.substring(0, colon) : name);
                }
            }
            overviewFormat = format;
        }
        return overviewFormat;
    }

    /** STAT, NEXT or LAST: where the article pointer is (or would be), without the article. */
    ArticlePointer pointer(String operation, String command, String article) throws NntpException {
        int code = send(operation, article, article == null ? command : command + " " + article);
        if (code != 223) {
            throw failure(operation, article, code);
        }
        return parsePointer(operation, article, code);
    }

    /** HEAD, BODY or ARTICLE: where it is, and the content as a stream; {@link #stream()} is then open. */
    ArticlePointer retrieve(String operation, String article) throws NntpException {
        String command = operation.toUpperCase(Locale.ROOT);
        int expected = switch (command) {
            case "ARTICLE" -> 220;
            case "HEAD" -> 221;
            default -> 222;
        };
        int code = send(operation, article, article == null ? command : command + " " + article);
        if (code != expected) {
            throw failure(operation, article, code);
        }
        ArticlePointer pointer = parsePointer(operation, article, code);
        ArticleStream stream = new ArticleStream(client.block(), () -> open = null);
        open = stream;
        return pointer;
    }

    /** The block the last {@link #retrieve} opened. */
    InputStream stream() {
        return open;
    }

    private ArticlePointer parsePointer(String operation, String article, int code) throws NntpDataException {
        String[] words = replyText().split("\\s+");
        try {
            return new ArticlePointer(Long.parseLong(words[1]), words[2]);
        } catch (RuntimeException e) {
            throw new NntpDataException(operation, article, server, code, replyText(), e);
        }
    }

    /** POST: the article (headers, blank line, body) as bytes; returns the server's 240 reply. */
    String post(InputStream article) throws NntpException {
        int code = send("post", null, "POST");
        if (code != 340) {
            throw failure("post", null, code);
        }
        call("post", null, () -> {
            Writer out = client.blockWriter();
            byte[] bytes = new byte[64 * 1024];
            char[] chars = new char[bytes.length];
            int n;
            while ((n = article.read(bytes)) > 0) {
                for (int i = 0; i < n; i++) {
                    chars[i] = (char) (bytes[i] & 0xff);
                }
                out.write(chars, 0, n);
            }
            // writes the lone dot; the connection stays open
            out.close();
            return client.getReply();
        });
        code = client.getReplyCode();
        if (code != 240) {
            throw failure("post", null, code);
        }
        return replyText();
    }

    Instant date() throws NntpException {
        int code = send("date", null, "DATE");
        if (code != 111) {
            throw failure("date", null, code);
        }
        String[] words = replyText().split("\\s+");
        try {
            return LocalDateTime.parse(words[1], DATE_REPLY).toInstant(ZoneOffset.UTC);
        } catch (RuntimeException e) {
            throw new NntpDataException("date", null, server, code, replyText(), e);
        }
    }

    private static String wireDate(Instant since) {
        return WIRE_DATE.format(since.atOffset(ZoneOffset.UTC));
    }

    private static String utf8(String isoLatin1) {
        return new String(isoLatin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    private List<GroupInfo> groups(String operation, String target, List<String> lines) throws NntpDataException {
        List<GroupInfo> groups = new ArrayList<>();
        for (String line : lines) {
            String[] words = utf8(line).strip().split("\\s+");
            try {
                groups.add(new GroupInfo(words[0], Long.parseLong(words[1]), Long.parseLong(words[2]),
                        words.length > 3 ? words[3] : ""));
            } catch (RuntimeException e) {
                throw new NntpDataException(operation, target, server, client.getReplyCode(), "group line '" + line + "'", e);
            }
        }
        return groups;
    }

    private List<String> lines(String operation, String target, String command, int expected) throws NntpException {
        int code = send(operation, target, command);
        if (code != expected) {
            throw failure(operation, target, code);
        }
        return readBlock(operation, target);
    }

    private List<String> readBlock(String operation, String target) throws NntpException {
        return call(operation, target, () -> {
            List<String> lines = new ArrayList<>();
            try (BufferedReader block = client.block()) {
                String line;
                while ((line = block.readLine()) != null) {
                    lines.add(line);
                }
            }
            return lines;
        });
    }

    /** Sends one command line; an article still being read is read to its end first. */
    int send(String operation, String target, String command) throws NntpException {
        CommandLines.check(operation, command);
        if (open != null) {
            LOG.debug("{}: the rest of the previous article on {} is skipped", operation, server);
            try {
                open.close();
            } catch (IOException e) {
                throw new NntpConnectionException(operation, target, server, "connection lost: " + e.getMessage(), e);
            }
        }
        return call(operation, target, () -> client.sendCommand(command));
    }

    @FunctionalInterface
    private interface NntpCall<T> {
        T call() throws IOException;
    }

    private <T> T call(String operation, String target, NntpCall<T> call) throws NntpException {
        try {
            return call.call();
        } catch (NNTPConnectionClosedException e) {
            // commons-net reports 400 ("service discontinued") as a closed connection; nntplib says temporary error
            throw new NntpTemporaryException(operation, target, server, 400, replyText(), e);
        } catch (MalformedServerReplyException e) {
            throw new NntpProtocolException(operation, target, server, 0, e.getMessage(), e);
        } catch (SocketTimeoutException e) {
            throw new NntpConnectionException(operation, target, server, "timed out", e);
        } catch (IOException e) {
            throw new NntpConnectionException(operation, target, server, "connection lost: " + e.getMessage(), e);
        }
    }

    NntpException failure(String operation, String target, int code) {
        String text = replyText();
        if (code >= 400 && code < 500) {
            return new NntpTemporaryException(operation, target, server, code, text, null);
        }
        if (code >= 500 && code < 600) {
            return new NntpPermanentException(operation, target, server, code, text, null);
        }
        if (code < 100 || code >= 600) {
            return new NntpProtocolException(operation, target, server, code, text, null);
        }
        return new NntpReplyException(operation, target, server, code, text, null);
    }

    /** QUIT; the connection is closed whatever the server answers. */
    @Override
    public String quit() {
        if (open != null) {
            // an article nobody finished reading: closing is quicker than reading it off the wire
            close();
            return "";
        }
        try {
            if (client.isConnected()) {
                client.quit();
                return replyText();
            }
            return "";
        } catch (IOException e) {
            // the session is ending anyway; a broken QUIT must not fail the work already done
            return e.getMessage();
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        open = null;
        if (client.isConnected()) {
            try {
                client.disconnect();
            } catch (IOException e) {
                // nothing left to save on a connection being thrown away
            }
        }
    }

    boolean isOpen() {
        return client.isConnected();
    }

    @Override
    public boolean reusable() {
        return isOpen() && open == null;
    }

    /** Nothing to undo: the next exchange selects its own group. */
    @Override
    public void prepareForReuse() {
        // NNTP has no way back to "no group selected"; steps that need a group name it
    }

    /** NNTP has no NOOP: DATE is the cheapest command every RFC 3977 server answers. */
    @Override
    public boolean alive() {
        try {
            return client.sendCommand("DATE") == 111;
        } catch (IOException e) {
            return false;
        }
    }

    /** Parses a DATE-like string for the {@code since} option: ISO instant or date-time (UTC) or yyyyMMddHHmmss. */
    static Instant parseSince(String value) {
        String v = value.strip();
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            // fall through to the other accepted shapes
        }
        try {
            return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // fall through
        }
        try {
            return LocalDateTime.parse(v, DATE_REPLY).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("nntplib: since '" + v + "' is not a date; use 2026-01-31T12:00:00Z,"
                    + " 2026-01-31T12:00:00 (UTC) or 20260131120000", e);
        }
    }
}
