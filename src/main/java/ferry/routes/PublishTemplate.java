package ferry.routes;

import ferry.ftplib.FtpLibProducer;
import ferry.progress.UploadProgress;
import org.apache.camel.Endpoint;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.model.RouteTemplateDefinition;

/**
 * Flow kind publish (local folder to a folder on a named server): a file dropped in the outbox is uploaded in
 * binary to the remote folder (FTP, FTPS or SFTP) under a hidden temporary name, renamed when complete, and the
 * local file moves to the archive (or to the failed folder). The ledger claims each file first and records the
 * delivery before the file is moved.
 */
public class PublishTemplate extends EndpointRouteBuilder {

    /** The template bean holding the flow's {@link UploadSlots}. */
    static final String SLOTS = "uploadSlots";

    @Override
    public void configure() {
        RouteTemplateDefinition template = routeTemplate("publish");
        LocalFolder.parameters(template);
        RemoteFolder.parameters(template);
        template.templateParameter("parallel", "{{ferry.publish.parallel}}", "files uploaded at the same time, each on its own connection");
        template.templateBean(SLOTS, UploadSlots.class, rtc -> new UploadSlots(Integer.parseInt(RemoteFolder.value(rtc, "parallel"))));
        template.templateBean(RemoteFolder.BEAN, Endpoint.class,
                        rtc -> RemoteFolder.uploader(rtc, RemoteFolder.server(rtc, "server"), RemoteFolder.value(rtc, "remoteDir")))
                .from(LocalFolder.source())
                .routeConfigurationId(ErrorHandling.ID)
                // health names the flow's servers while one of its files waits out a fault
                .setProperty(DeliveryFaults.SERVERS, constant("server {{server}}"))
                // the poller lists and claims, and waits for a slot before it hands a file on (see UploadSlots:
                // with 2000 dropped at once it claimed them all and looked again at each at every poll)
                .process("{{" + SLOTS + "}}")
                // uploads run side by side, each on a kept connection of its own
                .threads().poolSize("{{parallel}}").maxPoolSize("{{parallel}}")
                .setProperty(LedgerSteps.KEY, simple(LocalFolder.LEDGER_KEY))
                .setProperty(FailureReport.FOLDER_BASE, constant("{{outbox}}"))
                .setProperty(FailureReport.FOLDER, constant("{{failed}}"))
                .process(FileNames::checkForFtp)
                .process(LedgerSteps::check)
                .filter(exchangeProperty(LedgerSteps.ALREADY_DELIVERED).isEqualTo(false))
                .setProperty(BatchLog.WHAT, constant("uploaded to server {{server}} {{remoteDir}}, archived"))
                .process(BatchLog::begin)
                .log(LoggingLevel.DEBUG, "${routeId}: uploading ${file:name} (${file:size} bytes) to server {{server}} "
                        + "({{serverProtocol}}://{{serverHost}}:{{serverPort}}{{remoteDir}}, security {{serverSecurity}})")
                .setProperty(UploadProgress.INTERVAL, constant("{{progressInterval}}"))
                .process(UploadProgress::wrap)
                // the ftplib step's target, as the server names it (absolute, or under the login folder)
                .setHeader(FtpLibProducer.PATH, simple("{{remoteDir}}/${file:name}"))
                .to("ref:{{" + RemoteFolder.BEAN + "}}")
                .process(LedgerSteps::delivered)
                .process(BatchLog::done)
                .log(LoggingLevel.DEBUG, "${routeId}: ${file:name} uploaded to {{remoteDir}}, archived");
    }
}
