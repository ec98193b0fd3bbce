package ferry.routes;

import java.io.File;

import ferry.config.DataSize;
import ferry.ledger.LedgerKey;
import ferry.smtplib.SmtpLibProducer;
import jakarta.activation.DataSource;
import jakarta.activation.FileDataSource;
import jakarta.activation.FileTypeMap;
import jakarta.mail.util.ByteArrayDataSource;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.attachment.AttachmentMessage;
import org.apache.camel.attachment.DefaultAttachment;

/**
 * Turns a downloaded file into the smtplib step's mail (subject, text, attachment; only these reach the
 * recipient, never the exchange's other headers): attached (streamed from disk or memory, base64 so the bytes
 * arrive unchanged) when it fits the size limit, otherwise announced with its name, size and location.
 */
public class MailComposer implements Processor {

    public static final String MAX_ATTACHMENT_SIZE = "FerryMaxAttachmentSize";
    public static final String DONE_LOCATION = "FerryDoneLocation";
    /** Exchange property: the flow's subject, {@code {file}} standing for the file's name. */
    public static final String SUBJECT = "FerryMailSubject";
    public static final String DEFAULT_SUBJECT = "Ferry: {file}";

    /** Whether the file (by the size its listing gave) is small enough to attach. */
    public static boolean fits(Exchange exchange) {
        long size = exchange.getMessage().getHeader(Exchange.FILE_LENGTH, 0L, Long.class);
        return size <= DataSize.parse(exchange.getProperty(MAX_ATTACHMENT_SIZE, String.class));
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String raw = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, "", String.class);
        if (FileNames.hasLineBreak(raw)) {
            // the name goes into the Subject and the attachment's headers: a line break would start a new header
            throw new IllegalArgumentException("file name '" + raw.replace("\r", "\\r").replace("\n", "\\n")
                    + "' contains a line break and cannot be put into a mail header");
        }
        String name = MailHeaders.safe(raw);
        boolean attach = fits(exchange);
        // ftp-to-mail keeps a small download in memory (its bytes); anything else attached is a file
        byte[] bytes = attach && exchange.getMessage().getBody() instanceof byte[] b ? b : null;
        File file = attach && bytes == null ? exchange.getMessage().getMandatoryBody(File.class) : null;
        long size = bytes != null ? bytes.length
                : file != null ? file.length() : exchange.getMessage().getHeader(Exchange.FILE_LENGTH, 0L, Long.class);
        long max = DataSize.parse(exchange.getProperty(MAX_ATTACHMENT_SIZE, String.class));
        String location = MailHeaders.safe(exchange.getProperty(DONE_LOCATION, String.class));
        AttachmentMessage mail = exchange.getMessage(AttachmentMessage.class);
        // control characters in the flow's subject or the name cannot start a new header
        String subject = MailHeaders.safe(exchange.getProperty(SUBJECT, DEFAULT_SUBJECT, String.class)).replace("{file}", name);
        if (attach) {
            // the smtplib step streams it as base64, so every byte arrives unchanged
            mail.addAttachmentObject(name, new DefaultAttachment(bytes != null ? inMemory(bytes, name) : new FileDataSource(file)));
            mail.setHeader(SmtpLibProducer.SUBJECT, subject);
            mail.setBody("Ferry delivers " + name + " (" + DataSize.format(size) + "), attached.\n"
                    + "The original is kept at " + location + "\n");
        } else {
            mail.setHeader(SmtpLibProducer.SUBJECT, subject + " is too large to attach");
            mail.setBody("Ferry received " + name + " (" + DataSize.format(size) + "), larger than the "
                    + DataSize.format(max) + " attachment limit (mail.max-attachment-size), so it is not attached.\n"
                    + "The file lies at " + location + "\n");
        }
        // the same Message-ID on every attempt: a resend after a crash can be recognised by the receiver
        String key = exchange.getProperty(LedgerSteps.KEY, String.class);
        if (key != null) {
            mail.setHeader(SmtpLibProducer.SET_MESSAGE_ID, LedgerKey.parse(key).messageId());
        }
    }

    /** The downloaded bytes as the attachment's source, typed by the file's name as a FileDataSource would be. */
    private static DataSource inMemory(byte[] bytes, String name) {
        ByteArrayDataSource source = new ByteArrayDataSource(bytes, FileTypeMap.getDefaultFileTypeMap().getContentType(name));
        source.setName(name);
        return source;
    }
}
