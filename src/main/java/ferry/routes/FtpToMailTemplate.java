package ferry.routes;

import ferry.ftplib.FtpLibProducer;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.model.RouteTemplateDefinition;

/**
 * Flow kind ftp-to-mail (a folder on a named server to mail): a file that appears in the remote folder (FTP, FTPS
 * or SFTP) is mailed as an attachment (downloaded into memory up to {@link #IN_MEMORY_UP_TO}, else streamed to a
 * local work file first) or announced when too large (not even downloaded), then moved to {@code .done/} on the
 * server ({@code .failed/} when it cannot be mailed).
 */
public class FtpToMailTemplate extends EndpointRouteBuilder {

    /**
     * Files listed at most this large are mailed from memory: a work file's create, write, read and delete cost
     * about 7% of the CPU per mailed file. 1 MiB, as smtplib keeps a composed mail of up to 1 MiB in memory anyway
     * (ComposedMessage); with ferry.publish.parallel (4) files in flight that fits a 64 MB heap. A file that sends
     * more than this goes on into the work file (see LocalDownload), so a wrong listing costs no memory and no
     * second download.
     */
    static final int IN_MEMORY_UP_TO = 1 << 20;

    @Override
    public void configure() {
        RouteTemplateDefinition template = routeTemplate("ftp-to-mail");
        // files reach the folder complete (publishers rename when done); see RemoteFolder.watcher for the poll;
        // only files small enough to attach are downloaded, by the ftplib step below
        RemoteFolder.source(template, RemoteFolder::workDir, IN_MEMORY_UP_TO);
        // sent by the smtplib step to the flow's mail server (see MailTarget.sender)
        MailTarget.parameters(template);
        template.from("ref:{{" + RemoteFolder.BEAN + "}}")
                .routeConfigurationId(ErrorHandling.ID)
                // health names the flow's servers while one of its files waits out a fault
                .setProperty(DeliveryFaults.SERVERS, constant("server {{server}}, mail server {{mailServer}}"))
                .setProperty(LedgerSteps.KEY, simple(RemoteFolder.ledgerKey()))
                .process(LedgerSteps::check)
                .filter(exchangeProperty(LedgerSteps.ALREADY_DELIVERED).isEqualTo(false))
                .setProperty(MailComposer.MAX_ATTACHMENT_SIZE, constant("{{maxAttachmentSize}}"))
                .setProperty(MailComposer.SUBJECT, constant("{{subject}}"))
                .setProperty(MailComposer.DONE_LOCATION, RemoteFolder.doneLocation())
                .setHeader("To", constant("{{mailTo}}")).setHeader("Cc", constant("{{cc}}")).setHeader("Bcc", constant("{{bcc}}"))
                .setProperty(MailTarget.BY_NAME, constant("{{mailToByName}}"))
                .process(MailTarget::recipients)
                .setProperty(BatchLog.WHAT, constant("mailed through mail server {{mailServer}}, moved to {{remoteDir}}/{{done}}"))
                .process(BatchLog::begin)
                .log(LoggingLevel.DEBUG, "${routeId}: ${file:name} (${file:size} bytes) found on server {{server}} in {{remoteDir}}, "
                        + "mailing to ${header.To} through mail server {{mailServer}}")
                // only a file small enough to attach is downloaded
                .filter(MailComposer::fits)
                    // kept in memory when listed at most IN_MEMORY_UP_TO, else streamed to a work file, removed
                    // when the exchange ends
                    .setHeader(FtpLibProducer.PATH, header(Exchange.FILE_PATH))
                    .to("ref:{{" + RemoteFolder.RETRIEVE + "}}")
                    .process(WorkFiles::deleteWhenDone)
                .end()
                .process(new MailComposer())
                .to("ref:{{" + MailTarget.BEAN + "}}")
                .process(LedgerSteps::delivered)
                .process(BatchLog::done)
                .log(LoggingLevel.DEBUG, "${routeId}: ${file:name} mailed to ${header.To}, moved to {{remoteDir}}/{{done}}");
    }
}
