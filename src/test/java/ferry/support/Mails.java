package ferry.support;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/** Reads what a received mail carries: its attachment bytes and its text. */
public final class Mails {

    private Mails() {
    }

    public static byte[] attachment(MimeMessage message, String name) throws Exception {
        if (!(message.getContent() instanceof Multipart multipart)) {
            return null;
        }
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) && name.equals(part.getFileName())) {
                try (InputStream in = part.getInputStream()) {
                    return in.readAllBytes();
                }
            }
        }
        return null;
    }

    public static String encodingOf(MimeMessage message, String name) throws Exception {
        Multipart multipart = (Multipart) message.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (name.equals(part.getFileName())) {
                return part.getHeader("Content-Transfer-Encoding")[0];
            }
        }
        return null;
    }

    public static String text(MimeMessage message) throws Exception {
        Object content = message.getContent();
        if (content instanceof String s) {
            return s;
        }
        Multipart multipart = (Multipart) content;
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.isMimeType("text/plain") && part.getFileName() == null) {
                return (String) part.getContent();
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString();
    }

    /** The first message whose subject names the file, or null (for Awaitility's until). */
    public static MimeMessage aboutFile(Iterable<MimeMessage> messages, String name) throws Exception {
        for (MimeMessage m : messages) {
            if (m.getSubject() != null && m.getSubject().contains(name)) {
                return m;
            }
        }
        return null;
    }

    /** The file a workflow mail is about (its subject is "Ferry: name"), if it is one of {@code names}; else null. */
    public static String fileOf(MimeMessage m, java.util.Set<String> names) throws Exception {
        String subject = m.getSubject();
        if (subject == null || !subject.startsWith("Ferry: ")) {
            return null;
        }
        String name = subject.substring("Ferry: ".length());
        return names.contains(name) ? name : null;
    }
}
