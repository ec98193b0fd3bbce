package ferry.routes;

import ferry.ftplib.FtpLibProducer;
import ferry.ledger.LedgerService;
import ferry.progress.UploadProgress;
import org.apache.camel.Endpoint;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.model.RouteTemplateDefinition;

/**
 * Workflow publish: a file dropped in the outbox is uploaded in binary to the remote folder (FTP, FTPS or SFTP)
 * under a hidden temporary name, renamed when complete, and the local file moves to the archive (or to failed/).
 * The ledger claims each file first and records the delivery before the file is moved.
 */
public class PublishTemplate extends EndpointRouteBuilder {

    static final String LEDGER_KEY = "publish|${file:absolute.path}|${file:size}|${header.CamelFileLastModified}";

    @Override
    public void configure() {
        RouteTemplateDefinition template = routeTemplate("publish")
                .templateParameter("data", null, "local root holding outbox/, archive/ and failed/")
                .templateParameter("stableTime", "500", "a file is taken once unchanged for this long (ms)")
                .templateParameter("parallel", "4", "files uploaded at the same time, each on its own connection");
        RemoteFolder.parameters(template);
        template.templateBean(RemoteFolder.BEAN, Endpoint.class, RemoteFolder::uploader)
                .from(file("{{data}}/outbox")
                        // "changed": size and time must hold still for one interval, so half-copied files wait
                        .readLock("changed")
                        // look again every 100 ms, so a file is taken as soon as it has held still long enough
                        .readLockCheckInterval(100)
                        // a file already unchanged for that long is taken at once, without another wait
                        .readLockMinAge("{{stableTime}}")
                        .readLockMinLength(0)
                        // no .camelLock marker: it would not fit beside a name at the 255-byte limit; the ledger claims files
                        .readLockMarkerFile(false)
                        .delay("{{pollDelay}}")
                        // first poll after one delay, not Camel's default second: a reloaded route resumes quickly
                        .initialDelay("{{pollDelay}}")
                        // claim a few files per poll, not the whole folder, so other instances get a share;
                        // greedy: poll again at once while there is work
                        .maxMessagesPerPoll("{{maxFilesPerPoll}}")
                        .greedy(true)
                        .move("../archive/${date:now:yyyy-MM-dd}/${file:name}")
                        .moveFailed("../failed/${file:name}")
                        // the ledger claims each file before it is taken (see LedgerRepository)
                        .idempotent(true)
                        .idempotentKey(LEDGER_KEY)
                        .idempotentRepository("#" + LedgerService.REPOSITORY))
                .routeConfigurationId(ErrorHandling.ID)
                // the poller lists and claims; uploads run side by side, each on a kept connection of its own
                .threads().poolSize("{{parallel}}").maxPoolSize("{{parallel}}")
                .setProperty(LedgerSteps.KEY, simple(LEDGER_KEY))
                .process(FileNames::checkForFtp)
                .process(LedgerSteps::check)
                .filter(exchangeProperty(LedgerSteps.ALREADY_DELIVERED).isEqualTo(false))
                .log("${routeId}: uploading ${file:name} (${file:size} bytes) to {{ftpHost}}:{{ftpPort}}{{remoteDir}} "
                        + "({{ftpProtocol}}, security {{ftpSecurity}})")
                .setProperty(UploadProgress.INTERVAL, constant("{{progressInterval}}"))
                .process(UploadProgress::wrap)
                // the ftplib step's target; camel-ftp's sftp names the file from the consumer's headers
                .setHeader(FtpLibProducer.PATH, simple("{{remoteDir}}/${file:name}"))
                .process(RemoteFolder::relativeToLogin)
                .to("ref:{{" + RemoteFolder.BEAN + "}}")
                .process(LedgerSteps::delivered)
                .log("${routeId}: ${file:name} uploaded to {{remoteDir}}, archived");
    }
}
