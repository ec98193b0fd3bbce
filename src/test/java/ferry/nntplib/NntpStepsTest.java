package ferry.nntplib;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import ferry.support.Inn;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every nntplib step and refusal against a private INN on 127.0.0.1, checked on INN's spool and read back. */
class NntpStepsTest {

    private static final AtomicInteger ROUTES = new AtomicInteger();
    private static Inn inn;
    private static CamelContext context;
    private static ProducerTemplate template;
    private static String user;
    private static String anonymous;

    @BeforeAll
    static void start() throws Exception {
        inn = Inn.start();
        context = new DefaultCamelContext();
        NntpLibComponent nntplib = new NntpLibComponent();
        nntplib.setTrustStore(inn.certificate().trustStore().toString());
        nntplib.setTrustStorePassword(inn.certificate().password());
        context.addComponent("nntplib", nntplib);
        // no trust store: the JDK's CAs, which do not know INN's throwaway certificate
        context.addComponent("untrusting", new NntpLibComponent());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // a streamed article is read while its exchange (and so its session) is still going
                from("direct:bytes").convertBodyTo(byte[].class);
                from("direct:keep").setProperty("tlsReply", body());
                from("direct:firstOfGroup").process(e -> e.getMessage().setHeader(NntpHeaders.ARTICLE,
                        Long.toString(e.getMessage().getHeader(NntpHeaders.LAST, Long.class) - 1)));
            }
        });
        context.start();
        template = context.createProducerTemplate();
        anonymous = "host=127.0.0.1&port=" + inn.port();
        user = anonymous + "&username=" + Inn.USER + "&password=" + Inn.PASSWORD;
    }

    @AfterAll
    static void stop() throws Exception {
        if (context != null) {
            context.stop();
        }
        if (inn != null) {
            inn.close();
        }
    }

    /** Runs the steps in one exchange (one session) and returns the completed exchange. */
    private static Exchange steps(Object body, Map<String, Object> headers, String... uris) throws Exception {
        String name = "direct:steps" + ROUTES.incrementAndGet();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(name).to(uris);
            }
        });
        return template.request(name, e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeaders(new java.util.HashMap<>(headers));
        });
    }

    private static Object result(String... uris) throws Exception {
        Exchange done = steps(null, Map.of(), uris);
        assertNull(done.getException(), () -> String.valueOf(done.getException()));
        return done.getMessage().getBody();
    }

    private static <T extends NntpException> T failure(Class<T> kind, Exchange done) {
        assertInstanceOf(kind, done.getException(), () -> "expected " + kind.getSimpleName() + ", got " + done.getException());
        return kind.cast(done.getException());
    }

    private static String article(String group, String messageId, String subject, String body) {
        return "From: Ferry Test <test@ferry.test>\r\nNewsgroups: " + group + "\r\nSubject: " + subject
                + "\r\nMessage-ID: " + messageId + "\r\n\r\n" + body;
    }

    private static String newId() {
        return "<" + UUID.randomUUID() + "@ferry.test>";
    }

    @Test
    void should_greet_and_list_capabilities() throws Exception {
        assertTrue(String.valueOf(result("nntplib:getwelcome?" + anonymous)).startsWith("200"),
                "INN's greeting starts 200");
        @SuppressWarnings("unchecked")
        Map<String, List<String>> caps = (Map<String, List<String>>) result("nntplib:getcapabilities?" + anonymous);
        assertEquals(List.of("2"), caps.get("VERSION"));
        assertTrue(caps.containsKey("READER") && caps.containsKey("OVER") && caps.containsKey("STARTTLS"), caps.toString());
    }

    @Test
    void should_log_in_and_refuse_a_wrong_password() throws Exception {
        assertTrue(String.valueOf(result("nntplib:login?" + user)).startsWith("281"));
        Exchange refused = steps(null, Map.of(), "nntplib:login?" + anonymous + "&username=" + Inn.USER + "&password=wrong");
        NntpTemporaryException e = failure(NntpTemporaryException.class, refused);
        assertEquals(481, e.getReplyCode());
        assertEquals("login", e.getOperation());
        assertEquals(Inn.USER, e.getTarget());
        assertEquals("127.0.0.1:" + inn.port(), e.getServer());
        assertFalse(e.getMessage().contains("wrong"), "the password is not in the error: " + e.getMessage());
    }

    @Test
    void should_list_groups_with_and_without_a_pattern_and_their_descriptions() throws Exception {
        @SuppressWarnings("unchecked")
        List<GroupInfo> all = (List<GroupInfo>) result("nntplib:list?" + anonymous);
        assertTrue(all.stream().map(GroupInfo::group).toList().containsAll(Inn.GROUPS), all.toString());
        @SuppressWarnings("unchecked")
        List<GroupInfo> matching = (List<GroupInfo>) result("nntplib:list?pattern=ferry.c*&" + anonymous);
        assertEquals(1, matching.size(), matching.toString());
        assertEquals("ferry.closed", matching.get(0).group());
        assertEquals("n", matching.get(0).flag());
        @SuppressWarnings("unchecked")
        Map<String, String> descriptions = (Map<String, String>) result("nntplib:descriptions?pattern=ferry.*&" + anonymous);
        assertEquals("Ferry's test group", descriptions.get("ferry.test"));
        assertEquals(3, descriptions.size(), descriptions.toString());
    }

    @Test
    void should_post_an_article_that_reads_back_byte_for_byte() throws Exception {
        String id = newId();
        // a line that starts with a dot, an RFC 2047 subject, 8-bit UTF-8 text and a bare LF line ending
        String subject = "=?UTF-8?Q?Gr=C3=BC=C3=9Fe_aus_K=C3=B6ln?=";
        String body = "first line\r\n.starts with a dot\r\n..two dots\r\nKöln – straße ✓\nlast line\r\n";
        String posted = "From: Ferry Test <test@ferry.test>\r\nNewsgroups: ferry.test\r\nSubject: " + subject
                + "\r\nMessage-ID: " + id + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\n" + body;
        Exchange done = steps(posted.getBytes(StandardCharsets.UTF_8), Map.of(), "nntplib:post?" + user);
        assertNull(done.getException(), () -> String.valueOf(done.getException()));
        assertTrue(done.getMessage().getBody(String.class).startsWith("240"));
        assertEquals(id, done.getMessage().getHeader(NntpHeaders.MESSAGE_ID));
        // a 240 alone proves nothing: the article must be on INN's disk, in wire form (CRLF, dots doubled)
        byte[] expectedBody = body.replace("\nlast", "\r\nlast").getBytes(StandardCharsets.UTF_8);
        Path stored = await("the article " + id + " in INN's spool").atMost(Duration.ofSeconds(30))
                .until(() -> storedById("ferry.test", id), p -> p != null);
        String onDisk = new String(java.nio.file.Files.readAllBytes(stored), StandardCharsets.UTF_8);
        assertTrue(onDisk.contains("Subject: " + subject + "\r\n"), onDisk);
        // wireformat: INN keeps the article as it travels, leading dots doubled and the final lone dot
        String wire = new String(expectedBody, StandardCharsets.UTF_8).replace("\r\n.", "\r\n..");
        assertTrue(onDisk.endsWith("\r\n\r\n" + wire + ".\r\n"), onDisk.replace("\r", "<CR>"));

        Exchange read = steps(null, Map.of(NntpHeaders.ARTICLE, id), "nntplib:body?" + anonymous,
                "direct:bytes");
        assertNull(read.getException(), () -> String.valueOf(read.getException()));
        assertArrayEquals(expectedBody, read.getMessage().getBody(byte[].class), "the body read back, dots undone");
        assertEquals(id, read.getMessage().getHeader(NntpHeaders.MESSAGE_ID));

        Exchange head = steps(null, Map.of(NntpHeaders.ARTICLE, id), "nntplib:head?" + anonymous, "direct:bytes");
        String headers = head.getMessage().getBody(String.class);
        assertTrue(headers.contains("Subject: " + subject + "\r\n") && headers.contains("Message-ID: " + id), headers);
        assertFalse(headers.contains("first line"), "head holds no body");

        Exchange whole = steps(null, Map.of(NntpHeaders.ARTICLE, id), "nntplib:article?" + anonymous, "direct:bytes");
        byte[] article = whole.getMessage().getBody(byte[].class);
        String text = new String(article, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("Path: ") || text.contains("\r\nPath: "), text);
        assertTrue(text.endsWith("\r\n\r\n" + new String(expectedBody, StandardCharsets.UTF_8)), text);
    }

    @Test
    void should_stream_a_large_article_without_losing_a_byte() throws Exception {
        String id = newId();
        StringBuilder body = new StringBuilder();
        for (int i = 0; body.length() < 600_000; i++) {
            body.append(i % 7 == 0 ? "." : "").append("line ").append(i).append(" äöü\r\n");
        }
        Exchange posted = steps(article("ferry.test", id, "large", body.toString()).getBytes(StandardCharsets.UTF_8),
                Map.of(), "nntplib:post?" + user);
        assertNull(posted.getException(), () -> String.valueOf(posted.getException()));
        Exchange read = steps(null, Map.of(NntpHeaders.ARTICLE, id), "nntplib:body?" + anonymous, "direct:bytes");
        assertNull(read.getException(), () -> String.valueOf(read.getException()));
        assertArrayEquals(body.toString().getBytes(StandardCharsets.UTF_8), read.getMessage().getBody(byte[].class));
    }

    @Test
    void should_refuse_posts_to_a_closed_group_and_from_anonymous_users() throws Exception {
        String id = newId();
        Exchange closed = steps(article("ferry.closed", id, "closed", "nope\r\n"), Map.of(), "nntplib:post?" + user);
        NntpTemporaryException refused = failure(NntpTemporaryException.class, closed);
        assertEquals(441, refused.getReplyCode(), refused.getMessage());
        assertEquals("post", refused.getOperation());
        Exchange anon = steps(article("ferry.test", newId(), "anonymous", "nope\r\n"), Map.of(), "nntplib:post?" + anonymous);
        // INN asks anonymous posters to log in first
        assertEquals(480, failure(NntpTemporaryException.class, anon).getReplyCode());
        // and nothing of it reached the server
        Exchange missing = steps(null, Map.of(NntpHeaders.ARTICLE, id), "nntplib:stat?" + anonymous);
        assertEquals(430, failure(NntpTemporaryException.class, missing).getReplyCode());
    }

    @Test
    void should_select_a_group_walk_it_and_refuse_what_is_not_there() throws Exception {
        String group = "ferry.other";
        List<String> ids = List.of(newId(), newId(), newId());
        for (String id : ids) {
            inn.seed(article(group, id, "walk " + id, "walk\r\n"));
        }
        Exchange walk = steps(null, Map.of(NntpHeaders.GROUP, group), "nntplib:group?" + anonymous,
                "direct:firstOfGroup", "nntplib:stat?" + anonymous, "nntplib:next?" + anonymous);
        assertNull(walk.getException(), () -> String.valueOf(walk.getException()));
        long last = walk.getMessage().getHeader(NntpHeaders.LAST, Long.class);
        assertEquals(ids.get(2), ((ArticlePointer) walk.getMessage().getBody()).messageId(),
                "stat on the last but one, next on the last");
        assertEquals(last, walk.getMessage().getHeader(NntpHeaders.ARTICLE_NUMBER, Long.class));

        Exchange back = steps(null, Map.of(NntpHeaders.GROUP, group, NntpHeaders.ARTICLE, Long.toString(last)),
                "nntplib:group?" + anonymous, "nntplib:stat?" + anonymous, "nntplib:last?" + anonymous);
        assertEquals(ids.get(1), ((ArticlePointer) back.getMessage().getBody()).messageId());

        NntpTemporaryException noGroup = failure(NntpTemporaryException.class,
                steps(null, Map.of(NntpHeaders.GROUP, "ferry.nosuchgroup"), "nntplib:group?" + anonymous));
        assertEquals(411, noGroup.getReplyCode());
        assertEquals("ferry.nosuchgroup", noGroup.getTarget());
        NntpTemporaryException noNumber = failure(NntpTemporaryException.class, steps(null,
                Map.of(NntpHeaders.GROUP, group, NntpHeaders.ARTICLE, "999999"), "nntplib:group?" + anonymous,
                "nntplib:article?" + anonymous));
        assertEquals(423, noNumber.getReplyCode());
        assertEquals("999999", noNumber.getTarget());
        NntpTemporaryException noId = failure(NntpTemporaryException.class,
                steps(null, Map.of(NntpHeaders.ARTICLE, "<missing@ferry.test>"), "nntplib:head?" + anonymous));
        assertEquals(430, noId.getReplyCode());
    }

    @Test
    void should_give_overview_lines_new_news_and_new_groups() throws Exception {
        String group = "ferry.other";
        String id = newId();
        Instant before = Instant.now().minusSeconds(120);
        inn.seed(article(group, id, "overview me", "over\r\n"));
        @SuppressWarnings("unchecked")
        List<Overview> over = (List<Overview>) result("nntplib:over?group=" + group + "&range=1-&" + anonymous);
        Overview mine = over.stream().filter(o -> id.equals(o.messageId())).findFirst().orElseThrow(() ->
                new AssertionError(id + " not in " + over));
        assertEquals("overview me", mine.subject());
        assertEquals("Ferry Test <test@ferry.test>", mine.fields().get("from"));
        assertTrue(mine.fields().get("xref").contains(group + ":" + mine.number()), mine.fields().toString());

        @SuppressWarnings("unchecked")
        List<String> news = (List<String>) result("nntplib:newnews?group=ferry.*&since=" + before + "&" + anonymous);
        assertTrue(news.contains(id), news.toString());
        @SuppressWarnings("unchecked")
        List<String> none = (List<String>) result("nntplib:newnews?group=ferry.*&since="
                + Instant.now().plusSeconds(3600) + "&" + anonymous);
        assertEquals(List.of(), none);

        @SuppressWarnings("unchecked")
        List<GroupInfo> groups = (List<GroupInfo>) result("nntplib:newgroups?since="
                + Instant.now().minusSeconds(7200) + "&" + anonymous);
        assertTrue(groups.stream().map(GroupInfo::group).toList().containsAll(Inn.GROUPS), groups.toString());
        @SuppressWarnings("unchecked")
        List<GroupInfo> later = (List<GroupInfo>) result("nntplib:newgroups?since=" + Instant.now().minusSeconds(60)
                + "&" + anonymous);
        assertEquals(List.of(), later);
    }

    @Test
    void should_tell_the_server_time_and_quit() throws Exception {
        Instant date = (Instant) result("nntplib:date?" + anonymous);
        assertTrue(Duration.between(date, Instant.now()).abs().getSeconds() < 120, "server time " + date);
        Exchange quit = steps(null, Map.of(NntpHeaders.GROUP, "ferry.test"), "nntplib:group?" + anonymous,
                "nntplib:quit?" + anonymous, "nntplib:getwelcome?" + anonymous);
        assertNull(quit.getException(), () -> String.valueOf(quit.getException()));
        // after quit the next step opens a new session
        assertTrue(quit.getMessage().getBody(String.class).startsWith("200"));
    }

    @Test
    void should_switch_to_tls_with_starttls_and_speak_nntps() throws Exception {
        // settings of its own: a fresh session, not one another test logged in without TLS
        String fresh = user + "&timeout=10002";
        Exchange starttls = steps(null, Map.of(NntpHeaders.GROUP, "ferry.test"), "nntplib:starttls?" + fresh,
                "direct:keep", "nntplib:login?" + fresh, "nntplib:group?" + fresh);
        assertNull(starttls.getException(), () -> String.valueOf(starttls.getException()));
        assertTrue(starttls.getProperty("tlsReply", String.class).startsWith("382"), starttls.getProperty("tlsReply", String.class));
        assertEquals("ferry.test", ((GroupStatus) starttls.getMessage().getBody()).group());

        String required = "host=127.0.0.1&port=" + inn.port() + "&security=starttls&username=" + Inn.USER
                + "&password=" + Inn.PASSWORD;
        assertTrue(String.valueOf(result("nntplib:login?" + required)).startsWith("281"));

        String nntps = "host=127.0.0.1&port=" + inn.nntpsPort() + "&security=ssl&username=" + Inn.USER
                + "&password=" + Inn.PASSWORD;
        String id = newId();
        Exchange posted = steps(article("ferry.test", id, "over NNTPS", "secret\r\n"), Map.of(), "nntplib:post?" + nntps);
        assertNull(posted.getException(), () -> String.valueOf(posted.getException()));
        await("the NNTPS post " + id + " in INN's spool").atMost(Duration.ofSeconds(30))
                .until(() -> storedById("ferry.test", id), p -> p != null);
    }

    @Test
    void should_refuse_an_untrusted_certificate_on_nntps_and_starttls() throws Exception {
        NntpPermanentException nntps = failure(NntpPermanentException.class, steps(null, Map.of(),
                "untrusting:date?host=127.0.0.1&security=ssl&port=" + inn.nntpsPort()));
        assertEquals("connect", nntps.getOperation());
        assertTrue(nntps.getMessage().contains("TLS handshake with 127.0.0.1 refused"), nntps.getMessage());
        NntpPermanentException starttls = failure(NntpPermanentException.class, steps(null, Map.of(),
                "untrusting:date?host=127.0.0.1&security=starttls&port=" + inn.port()));
        assertEquals("starttls", starttls.getOperation());
    }

    @Test
    void should_reject_cr_and_lf_in_anything_that_becomes_a_command() throws Exception {
        Exchange smuggled = steps(null, Map.of(NntpHeaders.GROUP, "ferry.test\r\nPOST"), "nntplib:group?" + user);
        IllegalArgumentException e = assertInstanceOf(IllegalArgumentException.class, smuggled.getException());
        assertTrue(e.getMessage().contains("group must not contain CR, LF"), e.getMessage());
        Exchange badArticle = steps(null, Map.of(NntpHeaders.ARTICLE, "12 junk"), "nntplib:stat?" + user);
        assertTrue(badArticle.getException().getMessage().contains("neither an article number nor a Message-ID"),
                String.valueOf(badArticle.getException()));
    }

    @Test
    void should_share_one_session_within_an_exchange_and_keep_it_between_exchanges() throws Exception {
        String own = anonymous + "&timeout=10001";
        inn.seed(article("ferry.other", newId(), "kept", "kept\r\n"));
        Exchange first = steps(null, Map.of(NntpHeaders.GROUP, "ferry.other"), "nntplib:group?" + own);
        assertNull(first.getException());
        // the next exchange gets the kept session back: its current group is still selected, so NEXT needs no GROUP
        NntpLibComponent component = context.getComponent("nntplib", NntpLibComponent.class);
        NntpSession kept = component.pool().borrow(
                ((NntpLibEndpoint) context.getEndpoint("nntplib:group?" + own)).settings(), s -> {
                    throw new AssertionError("no session was kept for " + s.server());
                });
        component.pool().release(((NntpLibEndpoint) context.getEndpoint("nntplib:group?" + own)).settings(), kept);
        Exchange second = steps(null, Map.of(NntpHeaders.ARTICLE, ""), "nntplib:stat?" + own);
        assertNull(second.getException(), () -> "the kept session lost its group: " + second.getException());
    }

    @Test
    void should_run_the_documented_examples() throws Exception {
        String doc = java.nio.file.Files.readString(Path.of("docs", "nntplib.md"));
        String yaml = doc.substring(doc.indexOf("```yaml\n") + 8, doc.indexOf("```", doc.indexOf("```yaml\n") + 8));
        String javaExample = doc.substring(doc.indexOf("```java\n") + 8, doc.indexOf("```", doc.indexOf("```java\n") + 8));
        // the Java example, as written in docs/nntplib.md (the check below keeps the two the same)
        RouteBuilder documented = new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:newest")
                        .to("nntplib:group?group=ferry.test")
                        .setHeader("FerryNntpArticle", header("FerryNntpLast"))
                        .to("nntplib:article")
                        .to("file:{{ferry.data}}/news?fileName=${header.FerryNntpArticleNumber}.eml");
            }
        };
        assertTrue(javaExample.contains("from(\"direct:newest\")\n        .to(\"nntplib:group?group=ferry.test\")\n"
                + "        .setHeader(\"FerryNntpArticle\", header(\"FerryNntpLast\"))\n        .to(\"nntplib:article\")\n"
                + "        .to(\"file:{{ferry.data}}/news?fileName=${header.FerryNntpArticleNumber}.eml\");"), javaExample);

        // a Ferry-like context: the component's server from configuration, as config/application.properties sets it
        Path data = java.nio.file.Files.createTempDirectory("ferry-nntp-docs");
        CamelContext docs = new DefaultCamelContext();
        java.util.Properties props = new java.util.Properties();
        props.put("ferry.data", data.toString());
        docs.getPropertiesComponent().setInitialProperties(props);
        NntpLibComponent nntplib = new NntpLibComponent();
        nntplib.getConfiguration().setHost("127.0.0.1");
        nntplib.getConfiguration().setPort(inn.port());
        nntplib.getConfiguration().setUsername(Inn.USER);
        nntplib.getConfiguration().setPassword(Inn.PASSWORD);
        docs.addComponent("nntplib", nntplib);
        docs.addRoutes(documented);
        org.apache.camel.support.PluginHelper.getRoutesLoader(docs).loadRoutes(
                org.apache.camel.support.ResourceHelper.fromString("post-note.camel.yaml", yaml));
        docs.start();
        try {
            ProducerTemplate producer = docs.createProducerTemplate();
            String id = newId();
            producer.sendBody("direct:post-note", article("ferry.test", id, "documented", "from the docs\r\n"));
            Exchange newest = producer.request("direct:newest", e -> { });
            assertNull(newest.getException(), () -> String.valueOf(newest.getException()));
            long number = newest.getMessage().getHeader(NntpHeaders.ARTICLE_NUMBER, Long.class);
            Path saved = data.resolve("news").resolve(number + ".eml");
            String text = java.nio.file.Files.readString(saved, StandardCharsets.UTF_8);
            assertTrue(text.contains("Message-ID: " + id) && text.endsWith("\r\n\r\nfrom the docs\r\n"), text);
        } finally {
            docs.stop();
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Path storedById(String group, String id) throws Exception {
        for (Path p : inn.articles(group)) {
            if (new String(java.nio.file.Files.readAllBytes(p), StandardCharsets.ISO_8859_1).contains("Message-ID: " + id)) {
                return p;
            }
        }
        return null;
    }
}
