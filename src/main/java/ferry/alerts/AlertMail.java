package ferry.alerts;

import java.util.HashMap;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

/** Sends one alert through the default mail server (smtp.*) with the smtplib step. */
final class AlertMail {

    private final CamelContext context;
    private final ProducerTemplate template;

    AlertMail(CamelContext context) {
        this.context = context;
        this.template = context.createProducerTemplate();
    }

    void send(String to, String subject, String text) {
        StringBuilder uri = new StringBuilder("smtplib:sendmail?host={{smtp.host}}&port={{smtp.port}}&security={{smtp.security}}");
        if (!context.resolvePropertyPlaceholders("{{smtp.username}}").isBlank()) {
            uri.append("&username={{smtp.username}}&password=RAW({{smtp.password}})");
        }
        // the smtplib step's per-message headers (ferry.smtplib.MailOptions)
        Map<String, Object> headers = new HashMap<>();
        headers.put("FerryMailFrom", context.resolvePropertyPlaceholders("{{alerts.from}}"));
        headers.put("FerryMailTo", to);
        headers.put("FerryMailSubject", subject);
        headers.put("FerryMailText", text);
        template.requestBodyAndHeaders(uri.toString(), text, headers);
    }
}
