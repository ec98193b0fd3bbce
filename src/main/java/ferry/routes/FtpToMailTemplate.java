package ferry.routes;

import java.util.Map;
import java.util.Properties;

import ferry.tls.TlsSettings;
import org.apache.camel.Endpoint;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.builder.endpoint.dsl.MailEndpointBuilderFactory;
import org.apache.camel.model.RouteTemplateDefinition;

/**
 * Workflow ftp-to-mail: a file that appears in the remote folder (FTP, FTPS or SFTP) is downloaded (streamed to a local work
 * file, never held in memory), mailed as an attachment or announced when too large, then moved to
 * {@code .done/} on the server ({@code .failed/} when it cannot be mailed).
 */
public class FtpToMailTemplate extends EndpointRouteBuilder {

    @Override
    public void configure() {
        MailEndpointBuilderFactory.AdvancedMailEndpointProducerBuilder mail = smtp("{{smtpHost}}:{{smtpPort}}")
                .from("{{mailFrom}}")
                .to("{{mailTo}}")
                .advanced()
                .authenticator("#{{smtpCredentials}}");
        // TLS switches, trust and socket factory for smtp.security (see SmtpTls): objects, so a bean reference
        mail.doSetProperty("additionalJavaMailProperties", "#{{smtpTls}}");
        RouteTemplateDefinition template = routeTemplate("ftp-to-mail")
                .templateParameter("data", null, "local root; downloads go to inbox/.work")
                .templateParameter("pollDelay", "500")
                .templateParameter("smtpHost").templateParameter("smtpPort")
                .templateParameter("smtpUsername", "").templateParameter("smtpPassword", "")
                .templateParameter("smtpSecurity", "none", "none, starttls (required) or ssl")
                .templateParameter("mailFrom").templateParameter("mailTo")
                .templateParameter("maxAttachmentSize", "20MB");
        RemoteFolder.parameters(template);
        template.templateBean("smtpCredentials", SmtpCredentials.class, rtc -> new SmtpCredentials(
                        RemoteFolder.value(rtc, "smtpUsername"), RemoteFolder.value(rtc, "smtpPassword")))
                .templateBean("smtpTls", Properties.class, rtc -> SmtpTls.properties(RemoteFolder.value(rtc, "smtpSecurity"),
                        new TlsSettings(RemoteFolder.value(rtc, "trustStore"), RemoteFolder.value(rtc, "trustStorePassword"),
                                Boolean.parseBoolean(RemoteFolder.value(rtc, "tlsInsecure")),
                                RemoteFolder.value(rtc, "tlsProtocols"))))
                // files reach the folder complete (publishers rename when done); dot files such as
                // .name.part, .done/ and .failed/ are skipped by camel-ftp
                .templateBean(RemoteFolder.BEAN, Endpoint.class, rtc -> RemoteFolder.endpoint(rtc, Map.of(
                        "delay", RemoteFolder.value(rtc, "pollDelay"),
                        "move", ".done/${file:name}",
                        "moveFailed", ".failed/${file:name}",
                        "localWorkDirectory", RemoteFolder.value(rtc, "data") + "/inbox/.work")))
                .from("ref:{{" + RemoteFolder.BEAN + "}}")
                .routeConfigurationId(ErrorHandling.ID)
                .log("${routeId}: ${file:name} (${file:size} bytes) found in {{remoteDir}}, mailing to {{mailTo}}")
                .setProperty(MailComposer.MAX_ATTACHMENT_SIZE, constant("{{maxAttachmentSize}}"))
                .setProperty(MailComposer.DONE_LOCATION,
                        simple("${exchange.fromEndpoint.endpointBaseUri}/.done/${file:name}"))
                .process(new MailComposer())
                .to(mail)
                .log("${routeId}: ${file:name} mailed to {{mailTo}}, moved to {{remoteDir}}/.done");
    }
}
