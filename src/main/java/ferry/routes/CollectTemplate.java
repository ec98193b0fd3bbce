package ferry.routes;

import ferry.ftplib.FtpLibProducer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.model.RouteTemplateDefinition;

/**
 * Workflow collect, publish's mirror image: a file that appears in the remote folder (FTP, FTPS or SFTP) is
 * downloaded into the inbox (through a hidden part file, streamed, never held in memory) and then moved to
 * {@code .done/} on the server ({@code .failed/} when it cannot be stored). The ledger claims each file first
 * and records the download before the remote file is moved, so a restart neither loses nor repeats one.
 */
public class CollectTemplate extends EndpointRouteBuilder {

    private static final String WORKFLOW = "collect";

    @Override
    public void configure() {
        RouteTemplateDefinition template = routeTemplate(WORKFLOW)
                .templateParameter("data", null, "local root; files arrive in inbox/")
                .templateParameter("enabled", "false", "collect runs only when switched on (collect.enabled)");
        RemoteFolder.parameters(template);
        template.templateBean(RemoteFolder.BEAN, Endpoint.class, rtc -> RemoteFolder.watcher(rtc, WORKFLOW))
                .from("ref:{{" + RemoteFolder.BEAN + "}}")
                .autoStartup("{{enabled}}")
                .routeConfigurationId(ErrorHandling.ID)
                .setProperty(LedgerSteps.KEY, simple(RemoteFolder.ledgerKey(WORKFLOW)))
                .process(LedgerSteps::check)
                .filter(exchangeProperty(LedgerSteps.ALREADY_DELIVERED).isEqualTo(false))
                    .log("${routeId}: ${file:name} (${file:size} bytes) found in {{remoteDir}}, downloading")
                    .choice()
                        .when(simple("'{{ftpProtocol}}' == 'sftp'"))
                            // camel-ftp has streamed it into the work folder: a rename puts it in the inbox
                            .to(file("{{data}}/inbox"))
                        .otherwise()
                            .setHeader(FtpLibProducer.PATH, header(Exchange.FILE_PATH))
                            .to(RemoteFolder.retrieveInto("{{data}}/inbox"))
                    .end()
                    .process(LedgerSteps::delivered)
                    .log("${routeId}: ${file:name} downloaded to {{data}}/inbox, moved to {{remoteDir}}/.done");
    }
}
