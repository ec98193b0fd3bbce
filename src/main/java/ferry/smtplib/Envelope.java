package ferry.smtplib;

import java.util.List;

/** The SMTP envelope (MAIL FROM, RCPT TO): the envelope options when given, otherwise what the headers say. */
final class Envelope {

    private Envelope() {
    }

    static String from(MailOptions o, String headerFrom) {
        if (o.envelopeFrom() == null) {
            return headerFrom;
        }
        // "<>" is the null sender of bounces; any other value must be one address
        return o.envelopeFrom().equals("<>") ? "" : single(o.envelopeFrom());
    }

    static List<String> recipients(MailOptions o, List<String> fromHeaders) {
        List<String> recipients = o.envelopeTo() != null
                ? Addresses.bare(Addresses.parse("envelopeTo", o.envelopeTo())) : fromHeaders;
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("smtplib:sendmail has no recipient: set to, cc, bcc or envelopeTo "
                    + "(or the " + MailOptions.TO + " ... headers)");
        }
        return recipients;
    }

    private static String single(String value) {
        List<String> one = Addresses.bare(Addresses.parse("envelopeFrom", value));
        if (one.size() != 1) {
            throw new IllegalArgumentException("smtplib:sendmail: envelopeFrom must be one address, not '" + value + "'");
        }
        return one.get(0);
    }
}
