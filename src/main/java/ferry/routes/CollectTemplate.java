package ferry.routes;

import ferry.ftplib.FtpLibProducer;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.model.RouteTemplateDefinition;

/**
 * Flow kind collect (a folder on a named server to a local folder), publish's mirror image: a file that appears
 * in the remote folder (FTP, FTPS or SFTP) is downloaded into the inbox (through a hidden part file, streamed,
 * never held in memory) and then moved to {@code .done/} on the server ({@code .failed/} when it cannot be
 * stored). The ledger claims each file first and records the download before the remote file is moved, so a
 * restart neither loses nor repeats one.
 */
public class CollectTemplate extends EndpointRouteBuilder {

    @Override
    public void configure() {
        RouteTemplateDefinition template = routeTemplate("collect")
                .templateParameter("inbox", "{{ferry.data}}/inbox", "local folder the files arrive in")
                .templateParameter("enabled", "true", "false: the flow is defined but does not run");
        // the ftplib step (FTP, FTPS and SFTP) writes a part file in the inbox and renames it when complete
        RemoteFolder.source(template, rtc -> RemoteFolder.value(rtc, "inbox"));
        template.from("ref:{{" + RemoteFolder.BEAN + "}}")
                .autoStartup("{{enabled}}")
                .routeConfigurationId(ErrorHandling.ID)
                // health names the flow's servers while one of its files waits out a fault
                .setProperty(DeliveryFaults.SERVERS, constant("server {{server}}"))
                .setProperty(LedgerSteps.KEY, simple(RemoteFolder.ledgerKey()))
                .process(LedgerSteps::check)
                .filter(exchangeProperty(LedgerSteps.ALREADY_DELIVERED).isEqualTo(false))
                    .setProperty(BatchLog.WHAT, constant("downloaded to {{inbox}}, moved to {{remoteDir}}/{{done}}"))
                    .process(BatchLog::begin)
                    .log(LoggingLevel.DEBUG, "${routeId}: ${file:name} (${file:size} bytes) found on server {{server}} in {{remoteDir}}, downloading")
                    // streamed through a hidden part file, renamed into the inbox when complete
                    .setHeader(FtpLibProducer.PATH, header(Exchange.FILE_PATH))
                    .to("ref:{{" + RemoteFolder.RETRIEVE + "}}")
                    .process(LedgerSteps::delivered)
                    .process(BatchLog::done)
                    .log(LoggingLevel.DEBUG, "${routeId}: ${file:name} downloaded to {{inbox}}, moved to {{remoteDir}}/{{done}}");
    }
}
