package ferry.smtplib;

import org.apache.camel.Exchange;

/**
 * The mail fields of one sendmail step: each an endpoint option that a {@code FerryMail*} header overrides.
 * No other header of the exchange reaches the mail, and a value with CR or LF is refused (no header injection).
 */
record MailOptions(String from, String to, String cc, String bcc, String subject, String text, String envelopeFrom,
                   String envelopeTo) {

    public static final String FROM = "FerryMailFrom";
    public static final String TO = "FerryMailTo";
    public static final String CC = "FerryMailCc";
    public static final String BCC = "FerryMailBcc";
    public static final String SUBJECT = "FerryMailSubject";
    public static final String TEXT = "FerryMailText";
    public static final String ENVELOPE_FROM = "FerryMailEnvelopeFrom";
    public static final String ENVELOPE_TO = "FerryMailEnvelopeTo";

    static MailOptions of(Exchange exchange, SmtpLibEndpoint e) {
        return new MailOptions(
                field(exchange, FROM, "from", e.getFrom()),
                field(exchange, TO, "to", e.getTo()),
                field(exchange, CC, "cc", e.getCc()),
                field(exchange, BCC, "bcc", e.getBcc()),
                field(exchange, SUBJECT, "subject", e.getSubject()),
                // the text part may span lines: it is a body, not a header
                exchange.getMessage().getHeader(TEXT, e.getText(), String.class),
                field(exchange, ENVELOPE_FROM, "envelopeFrom", e.getEnvelopeFrom()),
                field(exchange, ENVELOPE_TO, "envelopeTo", e.getEnvelopeTo()));
    }

    private static String field(Exchange exchange, String header, String option, String fallback) {
        String value = exchange.getMessage().getHeader(header, String.class);
        String source = "header " + header;
        if (value == null) {
            value = fallback;
            source = "option " + option;
        }
        return checked(source, value);
    }

    /** Refuses CR and LF in anything that becomes a header line or an SMTP command. */
    static String checked(String source, String value) {
        if (value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0)) {
            throw new IllegalArgumentException("smtplib:sendmail: " + source
                    + " contains a line break (CR or LF); refused to prevent header injection");
        }
        return value == null || value.isBlank() ? null : value.strip();
    }
}
