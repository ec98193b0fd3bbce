package ferry.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserException;
import jakarta.mail.MessagingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes each message the embedded mail server delivers as an .eml file, so a newcomer can open it. */
class MailFolderWriter implements MessageDeliveryHandler {

    private static final Logger LOG = LoggerFactory.getLogger(MailFolderWriter.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private final Path folder;
    private final MessageDeliveryHandler delivery;
    private final AtomicLong counter = new AtomicLong();

    MailFolderWriter(Path folder, MessageDeliveryHandler delivery) {
        this.folder = folder;
        this.delivery = delivery;
    }

    @Override
    public GreenMailUser handle(MovingMessage msg, MailAddress address) throws MessagingException, UserException {
        GreenMailUser user = delivery.handle(msg, address);
        String name = STAMP.format(LocalDateTime.now()) + "-" + counter.incrementAndGet() + "-"
                + address.getEmail().replaceAll("[^A-Za-z0-9@._-]", "_") + ".eml";
        try {
            Files.createDirectories(folder);
            Path part = folder.resolve("." + name + ".part");
            try (OutputStream out = Files.newOutputStream(part)) {
                msg.getMessage().writeTo(out);
            }
            // appears whole or not at all
            Files.move(part, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // the message is still delivered to the IMAP mailbox; the file copy is a convenience only
            LOG.warn("Could not write {} to {}: {}", name, folder, e.getMessage());
        }
        return user;
    }
}
