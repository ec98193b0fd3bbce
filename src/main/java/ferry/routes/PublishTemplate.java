package ferry.routes;

import ferry.ledger.LedgerService;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;

/**
 * Workflow publish: a file dropped in the outbox is uploaded in binary to the FTP folder under a hidden
 * temporary name, renamed when complete, and the local file moves to the archive (or to failed/).
 */
public class PublishTemplate extends EndpointRouteBuilder {

    static final String LEDGER_KEY = "publish|${file:absolute.path}|${file:size}|${header.CamelFileLastModified}";

    @Override
    public void configure() {
        routeTemplate("publish")
                .templateParameter("data", null, "local root holding outbox/, archive/ and failed/")
                .templateParameter("ftpHost").templateParameter("ftpPort")
                .templateParameter("ftpUsername").templateParameter("ftpPassword")
                .templateParameter("ftpPassive", "true")
                .templateParameter("ftpTimeout", "10000")
                .templateParameter("remoteDir", null, "remote folder to upload into")
                .templateParameter("pollDelay", "500")
                .templateParameter("progressInterval", "5", "seconds between progress lines of a long FTP transfer")
                .templateParameter("stableTime", "500", "a file is taken once unchanged for this long (ms)")
                .from(file("{{data}}/outbox")
                        // "changed": size and time must hold still for one interval, so half-copied files wait
                        .readLock("changed")
                        .readLockCheckInterval("{{stableTime}}")
                        .readLockMinLength(0)
                        // no .camelLock marker: it would not fit beside a name at the 255-byte limit, and the ledger claims files
                        .readLockMarkerFile(false)
                        .delay("{{pollDelay}}")
                        // first poll after one delay, not Camel's default second: a reloaded route resumes quickly
                        .initialDelay("{{pollDelay}}")
                        .move("../archive/${date:now:yyyy-MM-dd}/${file:name}")
                        .moveFailed("../failed/${file:name}")
                        // the ledger claims each file before it is taken (see LedgerRepository)
                        .idempotent(true)
                        .idempotentKey(LEDGER_KEY)
                        .idempotentRepository("#" + LedgerService.REPOSITORY))
                .routeConfigurationId(ErrorHandling.ID)
                .setProperty(LedgerSteps.KEY, simple(LEDGER_KEY))
                .process(FileNames::checkForFtp)
                .process(LedgerSteps::check)
                .filter(exchangeProperty(LedgerSteps.ALREADY_DELIVERED).isEqualTo(false))
                .log("${routeId}: uploading ${file:name} (${file:size} bytes) to {{remoteDir}}")
                .to(ftp("{{ftpHost}}:{{ftpPort}}{{remoteDir}}")
                        .username("{{ftpUsername}}")
                        .password("{{ftpPassword}}")
                        .binary(true)
                        .passiveMode("{{ftpPassive}}")
                        // camel-ftp logs bytes done and the rate of a transfer still in flight
                        .transferLoggingLevel(LoggingLevel.INFO)
                        .transferLoggingIntervalSeconds("{{progressInterval}}")
                        // hidden while incomplete; named by exchange so long names still fit the server's limit
                        .tempFileName(".ferry-${exchangeId}.part")
                        // a same-named file not yet taken from the folder is never overwritten: wait for it
                        .fileExist("Fail")
                        .advanced()
                        .connectTimeout("{{ftpTimeout}}")
                        .timeout("{{ftpTimeout}}")
                        .soTimeout("{{ftpTimeout}}")
                        .bufferSize(256 * 1024)
                        // commons-net speaks ISO-8859-1 by default: non-ASCII names would arrive mangled
                        .ftpClientParameters("controlEncoding", "UTF-8"))
                .process(LedgerSteps::delivered)
                .log("${routeId}: ${file:name} uploaded to {{remoteDir}}, archived");
    }
}
