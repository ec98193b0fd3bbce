package ferry.routes;

import ferry.ftplib.FtpLibProducer;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.model.RouteTemplateDefinition;

/**
 * Flow kind ftp-to-mail (a folder on a named server to mail): a file that appears in the remote folder (FTP, FTPS
 * or SFTP) is mailed as an attachment (streamed to a local work file first, never held in memory) or announced
 * when too large (not even downloaded), then moved to {@code .done/} on the server ({@code .failed/} when it
 * cannot be mailed).
 */
public class FtpToMailTemplate extends EndpointRouteBuilder {

    @Override
    public void configure() {
        RouteTemplateDefinition template = routeTemplate("ftp-to-mail");
        // files reach the folder complete (publishers rename when done); see RemoteFolder.watcher for the poll;
        // only files small enough to attach are downloaded, by the ftplib step below
        RemoteFolder.source(template, RemoteFolder::workDir);
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
                .setProperty(MailComposer.DONE_LOCATION,
                        simple("${exchange.fromEndpoint.endpointBaseUri}/{{done}}/${file:name}"))
                .setHeader("To", constant("{{mailTo}}")).setHeader("Cc", constant("{{cc}}")).setHeader("Bcc", constant("{{bcc}}"))
                .setProperty(MailTarget.BY_NAME, constant("{{mailToByName}}"))
                .process(MailTarget::recipients)
                .setProperty(BatchLog.WHAT, constant("mailed through mail server {{mailServer}}, moved to {{remoteDir}}/{{done}}"))
                .process(BatchLog::begin)
                .log(LoggingLevel.DEBUG, "${routeId}: ${file:name} (${file:size} bytes) found on server {{server}} in {{remoteDir}}, "
                        + "mailing to ${header.To} through mail server {{mailServer}}")
                // only a file small enough to attach is downloaded
                .filter(MailComposer::fits)
                    // streamed to a work file, never held in memory; removed when the exchange ends
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
