package ferry.news;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import ferry.ledger.LedgerKey;
import ferry.routes.LedgerSteps;
import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * post-files: a dropped file as a news article. UTF-8 text becomes the article's body (8bit, lines as they are);
 * anything else is attached (base64) to a short text. The subject is the file name (RFC 2047 where not ASCII), the
 * Message-ID comes from the ledger key, the same on every attempt, so a repost after a crash is recognised. The
 * article is written to a work file (removed when the exchange ends), never held in memory.
 */
public final class ArticleFromFile {

    public static final String GROUP = "FerryNewsGroup";
    public static final String FROM = "FerryNewsFrom";

    private ArticleFromFile() {
    }

    public static void compose(Exchange exchange) throws Exception {
        File file = exchange.getMessage().getMandatoryBody(File.class);
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, file.getName(), String.class);
        if (name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("file name '" + name.replace("\r", "\\r").replace("\n", "\\n")
                    + "' contains a line break and cannot be an article's Subject");
        }
        String messageId = LedgerKey.parse(exchange.getProperty(LedgerSteps.KEY, String.class)).messageId();
        MimeMessage article = new MimeMessage(Session.getInstance(new java.util.Properties()));
        article.setFrom(new InternetAddress(exchange.getProperty(FROM, String.class)));
        article.setHeader("Newsgroups", exchange.getProperty(GROUP, String.class));
        article.setSubject(name, "UTF-8");
        if (isText(file.toPath())) {
            article.setDataHandler(new DataHandler(new FileDataSource(file) {
                @Override
                public String getContentType() {
                    return "text/plain; charset=UTF-8";
                }
            }));
            article.setHeader("Content-Type", "text/plain; charset=UTF-8");
            article.setHeader("Content-Transfer-Encoding", "8bit");
        } else {
            MimeBodyPart text = new MimeBodyPart();
            text.setText("Ferry posts " + name + " (" + file.length() + " bytes), attached.\n", "UTF-8");
            MimeBodyPart attached = new MimeBodyPart();
            attached.attachFile(file, "application/octet-stream", "base64");
            attached.setFileName(MimeUtility.encodeText(name, "UTF-8", null));
            article.setContent(new MimeMultipart(text, attached));
        }
        article.saveChanges();
        article.setHeader("Message-ID", messageId);
        // MimeMessage adds no Date; news servers want one, or add their own
        article.setSentDate(new java.util.Date());
        Path work = Files.createDirectories(file.toPath().getParent().resolve(".work"));
        Path spooled = work.resolve(UUID.randomUUID() + ".article");
        try (OutputStream out = Files.newOutputStream(spooled)) {
            article.writeTo(out);
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                spooled.toFile().delete();
            }
        });
        exchange.getMessage().setHeader(ferry.nntplib.NntpHeaders.ARTICLE, messageId);
        exchange.getMessage().setHeader("Message-ID", messageId);
        exchange.getMessage().setBody(spooled.toFile());
    }

    /** UTF-8 throughout and no NUL: read in blocks, so a large file is judged without being held in memory. */
    static boolean isText(Path file) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        CharBuffer out = CharBuffer.allocate(64 * 1024);
        try (InputStream stream = Files.newInputStream(file)) {
            int n;
            while ((n = stream.read(in.array(), in.position(), in.remaining())) >= 0) {
                in.position(in.position() + n);
                for (int i = 0; i < in.position(); i++) {
                    if (in.get(i) == 0) {
                        return false;
                    }
                }
                in.flip();
                if (decoder.decode(in, out, false).isError()) {
                    return false;
                }
                out.clear();
                in.compact();
            }
            in.flip();
            return !decoder.decode(in, out, true).isError() && !decoder.flush(out).isError();
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
