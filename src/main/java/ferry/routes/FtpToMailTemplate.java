package ferry.routes;

import java.util.Properties;

import ferry.ftplib.FtpLibProducer;
import ferry.tls.TlsSettings;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.builder.PredicateBuilder;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.builder.endpoint.dsl.MailEndpointBuilderFactory;
import org.apache.camel.model.RouteTemplateDefinition;

/**
 * Workflow ftp-to-mail: a file that appears in the remote folder (FTP, FTPS or SFTP) is mailed as an attachment
 * (streamed to a local work file first, never held in memory) or announced when too large (over FTP/FTPS not
 * even downloaded), then moved to {@code .done/} on the server ({@code .failed/} when it cannot be mailed).
 */
public class FtpToMailTemplate extends EndpointRouteBuilder {

    private static final String WORKFLOW = "ftp-to-mail";

    @Override
    public void configure() {
        MailEndpointBuilderFactory.AdvancedMailEndpointProducerBuilder mail = smtp("{{smtpHost}}:{{smtpPort}}")
                .from("{{mailFrom}}")
                .to("{{mailTo}}")
                .advanced()
                .authenticator("#{{smtpCredentials}}");
        // TLS switches, trust and socket factory for smtp.security (see SmtpTls): objects, so a bean reference
        mail.doSetProperty("additionalJavaMailProperties", "#{{smtpTls}}");
        RouteTemplateDefinition template = routeTemplate(WORKFLOW)
                .templateParameter("data", null, "local root; downloads go to inbox/.work")
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
                // files reach the folder complete (publishers rename when done); only files small enough to
                // attach are downloaded, by the ftplib step below (over SFTP camel-ftp fetches them into the work folder)
                .templateBean(RemoteFolder.BEAN, Endpoint.class, rtc -> RemoteFolder.watcher(rtc, WORKFLOW))
                .from("ref:{{" + RemoteFolder.BEAN + "}}")
                .routeConfigurationId(ErrorHandling.ID)
                .setProperty(LedgerSteps.KEY, simple(RemoteFolder.ledgerKey(WORKFLOW)))
                .process(LedgerSteps::check)
                .filter(exchangeProperty(LedgerSteps.ALREADY_DELIVERED).isEqualTo(false))
                .log("${routeId}: ${file:name} (${file:size} bytes) found in {{remoteDir}}, mailing to {{mailTo}}")
                .setProperty(MailComposer.MAX_ATTACHMENT_SIZE, constant("{{maxAttachmentSize}}"))
                .setProperty(MailComposer.DONE_LOCATION,
                        simple("${exchange.fromEndpoint.endpointBaseUri}/.done/${file:name}"))
                // over SFTP camel-ftp has already fetched the file into the work folder
                .filter(PredicateBuilder.and(MailComposer::fits, simple("'{{ftpProtocol}}' != 'sftp'")))
                    // streamed to a work file, never held in memory; removed when the exchange ends
                    .setHeader(FtpLibProducer.PATH, header(Exchange.FILE_PATH))
                    .to(RemoteFolder.retrieveInto("{{data}}/inbox/.work"))
                    .process(WorkFiles::deleteWhenDone)
                .end()
                .process(new MailComposer())
                .to(mail)
                .process(LedgerSteps::delivered)
                .log("${routeId}: ${file:name} mailed to {{mailTo}}, moved to {{remoteDir}}/.done");
    }
}
