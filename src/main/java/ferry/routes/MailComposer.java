package ferry.routes;

import java.io.File;

import ferry.config.DataSize;
import jakarta.activation.FileDataSource;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.attachment.AttachmentMessage;
import org.apache.camel.attachment.DefaultAttachment;

/**
 * Turns a downloaded file into a mail: attached (streamed from disk, base64 so the bytes arrive
 * unchanged) when it fits the size limit, otherwise announced with its name, size and location.
 */
public class MailComposer implements Processor {

    public static final String MAX_ATTACHMENT_SIZE = "FerryMaxAttachmentSize";
    public static final String DONE_LOCATION = "FerryDoneLocation";

    @Override
    public void process(Exchange exchange) throws Exception {
        File file = exchange.getMessage().getMandatoryBody(File.class);
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, file.getName(), String.class);
        if (name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0) {
            // the name goes into the Subject and the attachment's headers: a line break would start a new header
            throw new IllegalArgumentException("file name '" + name.replace("\r", "\\r").replace("\n", "\\n")
                    + "' contains a line break and cannot be put into a mail header");
        }
        long size = file.length();
        long max = DataSize.parse(exchange.getProperty(MAX_ATTACHMENT_SIZE, String.class));
        String location = exchange.getProperty(DONE_LOCATION, String.class);
        AttachmentMessage mail = exchange.getMessage(AttachmentMessage.class);
        if (size <= max) {
            DefaultAttachment attachment = new DefaultAttachment(new FileDataSource(file));
            // 7bit/quoted-printable would turn LF into CRLF; base64 keeps every byte
            attachment.setHeader("Content-Transfer-Encoding", "base64");
            mail.addAttachmentObject(name, attachment);
            mail.setHeader("Subject", "Ferry: " + name);
            mail.setBody("Ferry delivers " + name + " (" + DataSize.format(size) + "), attached.\n"
                    + "The original is kept at " + location + "\n");
        } else {
            mail.setHeader("Subject", "Ferry: " + name + " is too large to attach");
            mail.setBody("Ferry received " + name + " (" + DataSize.format(size) + "), larger than the "
                    + DataSize.format(max) + " attachment limit (mail.max-attachment-size), so it is not attached.\n"
                    + "The file lies at " + location + "\n");
        }
        mail.setHeader("Content-Type", "text/plain; charset=UTF-8");
    }
}
