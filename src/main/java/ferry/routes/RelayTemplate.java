package ferry.routes;

import ferry.ftplib.FtpLibProducer;
import ferry.progress.UploadProgress;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.model.RouteTemplateDefinition;

/**
 * Flow kind relay (a folder on one named server to a folder on another): a file that appears in the source folder
 * is downloaded to a local work file (streamed, removed when done), uploaded to the target folder under a hidden
 * name and renamed, then moved to {@code .done/} on the source server ({@code .failed/} when refused for good).
 */
public class RelayTemplate extends EndpointRouteBuilder {

    @Override
    public void configure() {
        RouteTemplateDefinition template = routeTemplate("relay")
                .templateParameter("targetServer", null, "named server the files go to")
                .templateParameter("targetDir", null, "folder on the target server");
        RemoteFolder.source(template, RemoteFolder::workDir);
        template.templateBean("target", Endpoint.class, rtc -> RemoteFolder.uploader(rtc,
                        RemoteFolder.server(rtc, "targetServer"), RemoteFolder.value(rtc, "targetDir")))
                .from("ref:{{" + RemoteFolder.BEAN + "}}")
                .routeConfigurationId(ErrorHandling.ID)
                // health names the flow's servers while one of its files waits out a fault
                .setProperty(DeliveryFaults.SERVERS, constant("server {{server}}, target server {{targetServer}}"))
                .setProperty(LedgerSteps.KEY, simple(RemoteFolder.ledgerKey()))
                .process(LedgerSteps::check)
                .filter(exchangeProperty(LedgerSteps.ALREADY_DELIVERED).isEqualTo(false))
                .setProperty(BatchLog.WHAT, constant("relayed to server {{targetServer}} {{targetDir}}, moved to {{remoteDir}}/{{done}}"))
                .process(BatchLog::begin)
                .log(LoggingLevel.DEBUG, "${routeId}: ${file:name} (${file:size} bytes) found on server {{server}} in {{remoteDir}}, "
                        + "relaying to server {{targetServer}} {{targetDir}}")
                // streamed to a work file, never held in memory; removed when the exchange ends
                .setHeader(FtpLibProducer.PATH, header(Exchange.FILE_PATH))
                .to("ref:{{" + RemoteFolder.RETRIEVE + "}}")
                .process(WorkFiles::deleteWhenDone)
                .setProperty(UploadProgress.INTERVAL, constant("{{progressInterval}}"))
                .process(UploadProgress::wrap)
                .setHeader(FtpLibProducer.PATH, simple("{{targetDir}}/${file:onlyname}"))
                .to("ref:{{target}}")
                .process(LedgerSteps::delivered)
                .process(BatchLog::done)
                .log(LoggingLevel.DEBUG, "${routeId}: ${file:name} relayed to server {{targetServer}} {{targetDir}}, moved to {{remoteDir}}/{{done}}");
    }
}
