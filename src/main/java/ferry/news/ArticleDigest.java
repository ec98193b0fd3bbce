package ferry.news;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import ferry.ledger.LedgerKey;
import ferry.nntplib.NntpHeaders;
import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * news-to-mail's digest mode: the articles one poll claims are gathered (each into a work file, never whole into
 * memory) and mailed together, a short index and every article attached unchanged as message/rfc822; once the mail
 * server took the digest, every article in it is recorded as delivered. The digest's Message-ID comes from its
 * articles' ledger keys, so a digest sent again after a crash carries the same one.
 */
public final class ArticleDigest {

    /** The articles gathered during one poll (a list shared by the poll's split exchanges). */
    public static final String ARTICLES = "FerryNewsDigest";
    /** The digest mail's Message-ID, kept for the ledger. */
    private static final String MESSAGE_ID = "FerryNewsDigestMessageId";
    /** True when the poll gathered at least one article. */
    public static final String ANY = "FerryNewsDigestAny";

    private ArticleDigest() {
    }

    /** One gathered article: where its text waits, and what the index and the ledger need. */
    record Entry(Path file, String group, String id, String subject, String author, long number, String key) {
    }

    /** Starts a poll's digest: an empty list the split exchanges add to, its work files removed when the poll ends. */
    public static void begin(Exchange exchange) {
        List<Entry> entries = new ArrayList<>();
        exchange.setProperty(ARTICLES, entries);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                entries.forEach(e -> e.file().toFile().delete());
            }
        });
    }

    /** Keeps the claimed article (the nntplib:article stream) in a work file for the poll's digest. */
    @SuppressWarnings("unchecked")
    public static void add(Exchange exchange) throws Exception {
        Path work = Files.createDirectories(Path.of(exchange.getProperty(ArticleMail.DATA, String.class), "inbox", ".work"));
        Path file = work.resolve("digest-" + UUID.randomUUID() + ".eml");
        try (InputStream article = exchange.getMessage().getMandatoryBody(InputStream.class)) {
            Files.copy(article, file, StandardCopyOption.REPLACE_EXISTING);
        }
        ferry.nntplib.Overview overview = exchange.getProperty(ArticleMail.OVERVIEW, ferry.nntplib.Overview.class);
        List<Entry> entries = exchange.getProperty(ARTICLES, List.class);
        entries.add(new Entry(file, exchange.getMessage().getHeader(NntpHeaders.GROUP, String.class),
                exchange.getMessage().getHeader(NntpHeaders.ARTICLE, String.class),
                overview == null ? "" : overview.subject(),
                overview == null ? "" : overview.fields().getOrDefault("from", ""),
                overview == null ? 0 : overview.number(), exchange.getProperty(ArticleClaims.KEY, String.class)));
    }

    /** Marks the poll {@link #ANY} when it gathered an article. */
    public static void any(Exchange exchange) {
        exchange.setProperty(ANY, !entries(exchange).isEmpty());
    }

    /** The digest mail of the gathered articles. */
    public static void compose(Exchange exchange) throws Exception {
        List<Entry> entries = entries(exchange);
        MimeMessage mail = new MimeMessage(Session.getInstance(new java.util.Properties()));
        mail.setFrom(new InternetAddress(exchange.getProperty(ArticleMail.FROM, String.class)));
        mail.setRecipients(jakarta.mail.Message.RecipientType.TO,
                InternetAddress.parse(exchange.getProperty(ArticleMail.TO, String.class)));
        mail.setHeader("Subject", "News digest: " + entries.size() + " article" + (entries.size() == 1 ? "" : "s")
                + " from " + String.join(", ", entries.stream().map(Entry::group).distinct().toList()));
        StringBuilder index = new StringBuilder("Ferry delivers " + entries.size() + " new article"
                + (entries.size() == 1 ? "" : "s") + ", attached unchanged:\n\n");
        List<BodyPart> parts = new ArrayList<>();
        for (Entry e : entries) {
            index.append("- [").append(e.group()).append("] ").append(ArticleMail.oneLine(e.subject()))
                    .append(" (").append(ArticleMail.oneLine(e.author())).append(") ").append(e.id()).append('\n');
            MimeBodyPart attached = new MimeBodyPart();
            attached.setDataHandler(new DataHandler(new FileDataSource(e.file().toFile()) {
                @Override
                public String getContentType() {
                    return "message/rfc822";
                }
            }));
            attached.setHeader("Content-Type", "message/rfc822");
            attached.setDisposition("inline");
            parts.add(attached);
        }
        MimeBodyPart text = new MimeBodyPart();
        text.setText(index.toString(), "UTF-8");
        MimeMultipart multipart = new MimeMultipart(text);
        for (BodyPart part : parts) {
            multipart.addBodyPart(part);
        }
        mail.setContent(multipart);
        mail.saveChanges();
        String keys = String.join("\n", entries.stream().map(Entry::key).toList());
        String messageId = new LedgerKey("news-to-mail", "digest:" + keys, 0, 0).messageId();
        mail.setHeader("Message-ID", messageId);
        // the sendmail step answers with its result as the body: the ledger's record needs the id afterwards
        exchange.setProperty(MESSAGE_ID, messageId);
        exchange.getMessage().setBody(mail);
    }

    /** The mail server took the digest: every article in it is delivered, and later polls start after it. */
    public static void delivered(Exchange exchange, ArticleClaims claims) throws Exception {
        String messageId = exchange.getProperty(MESSAGE_ID, String.class);
        for (Entry e : entries(exchange)) {
            claims.delivered(exchange, LedgerKey.parse(e.key()), messageId, e.group(), e.number());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Entry> entries(Exchange exchange) {
        return exchange.getProperty(ARTICLES, List.class);
    }
}
