package ferry.routes;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import ferry.servers.FlowServers;
import ferry.servers.MailServer;
import ferry.smtplib.SmtpLibEndpoint;
import ferry.smtplib.SmtpLibProducer;
import ferry.smtplib.SmtpSettings;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.RouteTemplateContext;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.util.URISupport;

/**
 * A flow's mail target: recipients (to, cc, bcc, and by file name), subject and attachment limit, sent through a
 * named mail server. Flow templates reach the server only through {@link #sender}, so what sends can change alone.
 */
final class MailTarget {

    /** The template bean holding the sending endpoint: {@code ref:{{mail}}}. */
    static final String BEAN = "mail";
    /** Exchange property: the flow's recipients by name ({@code invoice-*.pdf=finance@example.com; ...}). */
    static final String BY_NAME = "FerryMailToByName";

    private MailTarget() {
    }

    static void parameters(RouteTemplateDefinition template) {
        template.templateParameter("mailServer", ferry.servers.Servers.DEFAULT, "named mail server (mail-server.NAME.*; default: the smtp.* keys)")
                .templateParameter("mailFrom", "{{mail.from}}", "sender address")
                .templateParameter("mailTo", "{{mail.to}}", "recipients, comma-separated")
                .templateParameter("cc", "", "copy recipients, comma-separated")
                .templateParameter("bcc", "", "blind copy recipients, comma-separated")
                .templateParameter("mailToByName", "", "recipients chosen by file name, first match wins: "
                        + "invoice-*.pdf=finance@example.com; report-*=reports@example.com (else mailTo)")
                .templateParameter("subject", MailComposer.DEFAULT_SUBJECT, "subject; {file} is the file's name")
                .templateParameter("maxAttachmentSize", "{{mail.max-attachment-size}}", "larger files are announced, not attached");
        template.templateBean(BEAN, Endpoint.class, rtc -> sender(rtc, FlowServers.mail(rtc)));
    }

    /**
     * The smtplib sendmail step to the flow's mail server (SMTP or LMTP): kept connections, and only the mail's own
     * fields reach the recipient. Credentials go in as RAW option values, trust is the server's (set on the endpoint).
     */
    static Endpoint sender(RouteTemplateContext rtc, MailServer server) {
        String flow = RemoteFolder.value(rtc, FlowServers.FLOW);
        addresses(flow, "mailFrom", RemoteFolder.value(rtc, "mailFrom"));
        for (String parameter : new String[] {"mailTo", "cc", "bcc"}) {
            addresses(flow, parameter, RemoteFolder.value(rtc, parameter));
        }
        rules(RemoteFolder.value(rtc, "mailToByName")).values().forEach(to -> addresses(flow, "mailToByName", to));
        SmtpSettings smtp = server.smtp();
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("protocol", smtp.protocol().name().toLowerCase(Locale.ROOT));
        query.put("host", smtp.host());
        query.put("port", smtp.port());
        query.put("security", server.security());
        if (smtp.username() != null) {
            query.put("username", RemoteFolder.raw(smtp.username()));
            query.put("password", RemoteFolder.raw(smtp.password() == null ? "" : smtp.password()));
        }
        query.put("timeout", smtp.timeoutMillis());
        query.put("trustAll", smtp.trustAll());
        query.put("from", RemoteFolder.raw(RemoteFolder.value(rtc, "mailFrom")));
        Endpoint endpoint = rtc.getCamelContext().getEndpoint("smtplib:sendmail?" + URISupport.createQueryString(query));
        // the named server's trust store and TLS versions, not the component's defaults
        ((SmtpLibEndpoint) endpoint).trust(server.tls());
        return endpoint;
    }

    /**
     * Settles the mail's recipient headers (set from the flow's mailTo, cc and bcc): the first {@code mailToByName}
     * rule whose pattern matches the file's name replaces To; an empty Cc or Bcc is dropped.
     */
    static void recipients(Exchange exchange) {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, "", String.class);
        for (Map.Entry<String, String> rule : rules(exchange.getProperty(BY_NAME, "", String.class)).entrySet()) {
            if (NameFilter.matches(rule.getKey(), name)) {
                exchange.getMessage().setHeader("To", rule.getValue());
                break;
            }
        }
        for (String header : new String[] {"Cc", "Bcc"}) {
            if (exchange.getMessage().getHeader(header, "", String.class).isBlank()) {
                exchange.getMessage().removeHeader(header);
            }
        }
        // the smtplib step takes its recipients from these headers only; no other header reaches the mail
        exchange.getMessage().setHeader(SmtpLibProducer.TO, exchange.getMessage().getHeader("To"));
        exchange.getMessage().setHeader(SmtpLibProducer.CC, exchange.getMessage().getHeader("Cc"));
        exchange.getMessage().setHeader(SmtpLibProducer.BCC, exchange.getMessage().getHeader("Bcc"));
    }

    /** A flow's addresses are checked when it starts, so a typo refuses the flow file instead of failing each file. */
    private static void addresses(String flow, String parameter, String value) {
        if (value.isBlank()) {
            return;
        }
        try {
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new jakarta.mail.internet.AddressException("a line break would add mail headers");
            }
            for (jakarta.mail.internet.InternetAddress a : jakarta.mail.internet.InternetAddress.parse(value, true)) {
                a.validate();
            }
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalArgumentException("flow " + flow + ": " + parameter + " = '" + value
                    + "' is not a valid mail address list: " + e.getMessage(), e);
        }
    }

    /** The rules of {@code mailToByName}, in order: pattern to recipients. */
    static Map<String, String> rules(String byName) {
        Map<String, String> rules = new java.util.LinkedHashMap<>();
        for (String rule : byName.split(";")) {
            if (rule.isBlank()) {
                continue;
            }
            int eq = rule.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("mailToByName: '" + rule.trim() + "' is not pattern=recipients");
            }
            rules.put(rule.substring(0, eq).trim(), rule.substring(eq + 1).trim());
        }
        return rules;
    }
}
