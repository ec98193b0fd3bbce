package ferry.routes;

import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.model.RouteTemplateDefinition;

/**
 * Flow kind local-to-mail (a local folder to mail): a file dropped in the outbox is mailed as an attachment
 * (streamed from disk) or announced when too large, then moved to the archive (or to the failed folder).
 */
public class LocalToMailTemplate extends EndpointRouteBuilder {

    @Override
    public void configure() {
        RouteTemplateDefinition template = routeTemplate("local-to-mail");
        LocalFolder.parameters(template);
        MailTarget.parameters(template);
        template.from(LocalFolder.source())
                .routeConfigurationId(ErrorHandling.ID)
                // health names the flow's servers while one of its files waits out a fault
                .setProperty(DeliveryFaults.SERVERS, constant("mail server {{mailServer}}"))
                .setProperty(LedgerSteps.KEY, simple(LocalFolder.LEDGER_KEY))
                .setProperty(FailureReport.FOLDER_BASE, constant("{{outbox}}"))
                .setProperty(FailureReport.FOLDER, constant("{{failed}}"))
                .process(LedgerSteps::check)
                .filter(exchangeProperty(LedgerSteps.ALREADY_DELIVERED).isEqualTo(false))
                .setProperty(MailComposer.MAX_ATTACHMENT_SIZE, constant("{{maxAttachmentSize}}"))
                .setProperty(MailComposer.SUBJECT, constant("{{subject}}"))
                .setProperty(MailComposer.DONE_LOCATION, simple("{{outbox}}/{{done}}/${file:name}"))
                .setHeader("To", constant("{{mailTo}}")).setHeader("Cc", constant("{{cc}}")).setHeader("Bcc", constant("{{bcc}}"))
                .setProperty(MailTarget.BY_NAME, constant("{{mailToByName}}"))
                .process(MailTarget::recipients)
                .log("${routeId}: ${file:name} (${file:size} bytes) found in {{outbox}}, mailing to ${header.To} "
                        + "through mail server {{mailServer}}")
                .process(new MailComposer())
                .to("ref:{{" + MailTarget.BEAN + "}}")
                .process(LedgerSteps::delivered)
                .log("${routeId}: ${file:name} mailed to ${header.To}, archived");
    }
}
