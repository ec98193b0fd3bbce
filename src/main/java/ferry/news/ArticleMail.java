package ferry.news;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

import ferry.ledger.LedgerKey;
import ferry.nntplib.NntpHeaders;
import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Turns a news article (the nntplib:article stream) into a mail: a short text naming group, author and subject, and
 * the article itself attached as message/rfc822, unchanged. The article goes through a work file (removed when the
 * exchange ends), never whole into memory; the mail's Message-ID comes from the ledger key, the same on every attempt.
 */
public final class ArticleMail {

    private ArticleMail() {
    }

    public static void compose(Exchange exchange) throws Exception {
        Path work = Files.createDirectories(Path.of(exchange.getProperty(DATA, String.class),
                "inbox", ".work"));
        Path file = work.resolve("article-" + UUID.randomUUID() + ".eml");
        try (InputStream article = exchange.getMessage().getMandatoryBody(InputStream.class)) {
            Files.copy(article, file, StandardCopyOption.REPLACE_EXISTING);
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                file.toFile().delete();
            }
        });
        String group = exchange.getMessage().getHeader(NntpHeaders.GROUP, String.class);
        ferry.nntplib.Overview overview = exchange.getProperty(OVERVIEW, ferry.nntplib.Overview.class);
        String subject = overview == null ? "" : overview.subject();
        String author = overview == null ? "" : overview.fields().getOrDefault("from", "");
        String id = exchange.getMessage().getHeader(NntpHeaders.ARTICLE, String.class);

        MimeMessage mail = new MimeMessage(Session.getInstance(new java.util.Properties()));
        mail.setFrom(new InternetAddress(exchange.getProperty(FROM, String.class)));
        mail.setRecipients(jakarta.mail.Message.RecipientType.TO,
                InternetAddress.parse(exchange.getProperty(TO, String.class)));
        // the overview's subject is the article's header: RFC 2047 words stay as they are, decoded by the mail reader
        mail.setHeader("Subject", "[" + group + "] " + oneLine(subject));
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Ferry delivers article " + id + " from " + group + "\nFrom: " + oneLine(author)
                + "\nSubject: " + oneLine(subject) + "\nThe article is attached unchanged.\n", "UTF-8");
        MimeBodyPart attached = new MimeBodyPart();
        attached.setDataHandler(new DataHandler(new FileDataSource(file.toFile()) {
            @Override
            public String getContentType() {
                return "message/rfc822";
            }
        }));
        attached.setHeader("Content-Type", "message/rfc822");
        attached.setDisposition("inline");
        mail.setContent(new MimeMultipart(text, attached));
        mail.saveChanges();
        mail.setHeader("Message-ID", LedgerKey.parse(exchange.getProperty(ArticleClaims.KEY, String.class)).messageId());
        exchange.getMessage().setBody(mail);
    }

    /** The overview line being mailed, kept while the body is the article. */
    public static final String OVERVIEW = "FerryNewsOverview";
    /** Sender, recipients and Ferry's data folder (work files go to its inbox/.work), set by the route. */
    public static final String FROM = "FerryNewsMailFrom";
    public static final String TO = "FerryNewsMailTo";
    public static final String DATA = "FerryNewsData";

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("[\r\n]+", " ");
    }
}
