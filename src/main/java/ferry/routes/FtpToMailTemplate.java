package ferry.routes;

import ferry.ftplib.FtpLibProducer;
import ferry.ledger.LedgerService;
import org.apache.camel.Exchange;
import org.apache.camel.RouteTemplateContext;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;

/**
 * Workflow ftp-to-mail: a file that appears in the FTP folder is mailed as an attachment (streamed to a
 * local work file first, never held in memory) or announced when too large (not downloaded), then moved to
 * {@code .done/} on the server ({@code .failed/} when it cannot be mailed).
 */
public class FtpToMailTemplate extends EndpointRouteBuilder {

    static final String LEDGER_KEY = "ftp-to-mail|ftp://{{ftpHost}}:{{ftpPort}}${file:absolute.path}|${file:size}|"
            + "${header.CamelFileLastModified}";

    @Override
    public void configure() {
        routeTemplate("ftp-to-mail")
                .templateParameter("data", null, "local root; downloads go to inbox/.work")
                .templateParameter("ftpHost").templateParameter("ftpPort")
                .templateParameter("ftpUsername").templateParameter("ftpPassword")
                .templateParameter("ftpPassive", "true")
                .templateParameter("ftpTimeout", "10000")
                .templateParameter("remoteDir", null, "remote folder to watch")
                .templateParameter("pollDelay", "500")
                .templateParameter("progressInterval", "5", "seconds between progress lines of a long FTP transfer")
                .templateParameter("smtpHost").templateParameter("smtpPort")
                .templateParameter("smtpUsername", "").templateParameter("smtpPassword", "")
                .templateParameter("smtpSsl", "false")
                .templateParameter("smtpStarttls", "false")
                .templateParameter("mailFrom").templateParameter("mailTo")
                .templateParameter("maxAttachmentSize", "20MB")
                .templateBean("smtpCredentials", SmtpCredentials.class, rtc -> new SmtpCredentials(
                        resolve(rtc, "smtpUsername"), resolve(rtc, "smtpPassword")))
                // files reach the folder complete (publishers rename when done); dot files such as
                // .name.part, .done/ and .failed/ are skipped by camel-ftp
                .from(ftp("{{ftpHost}}:{{ftpPort}}{{remoteDir}}")
                        .username("{{ftpUsername}}")
                        .password("{{ftpPassword}}")
                        .binary(true)
                        .passiveMode("{{ftpPassive}}")
                        // camel-ftp logs bytes done and the rate of a transfer still in flight
                        .transferLoggingLevel(LoggingLevel.INFO)
                        .transferLoggingIntervalSeconds("{{progressInterval}}")
                        .delay("{{pollDelay}}")
                        // first poll after one delay, not Camel's default second: a reloaded route resumes quickly
                        .initialDelay("{{pollDelay}}")
                        .move(".done/${file:name}")
                        .moveFailed(".failed/${file:name}")
                        .idempotent(true)
                        .idempotentKey(LEDGER_KEY)
                        .idempotentRepository("#" + LedgerService.REPOSITORY)
                        .advanced()
                        // only files small enough to attach are downloaded (by the route, below)
                        .download(false)
                        .connectTimeout("{{ftpTimeout}}")
                        .timeout("{{ftpTimeout}}")
                        .soTimeout("{{ftpTimeout}}")
                        .bufferSize(256 * 1024)
                        // commons-net speaks ISO-8859-1 by default: non-ASCII names would arrive mangled
                        .ftpClientParameters("controlEncoding", "UTF-8"))
                .routeConfigurationId(ErrorHandling.ID)
                .setProperty(LedgerSteps.KEY, simple(LEDGER_KEY))
                .process(LedgerSteps::check)
                .filter(exchangeProperty(LedgerSteps.ALREADY_DELIVERED).isEqualTo(false))
                .log("${routeId}: ${file:name} (${file:size} bytes) found in {{remoteDir}}, mailing to {{mailTo}}")
                .setProperty(MailComposer.MAX_ATTACHMENT_SIZE, constant("{{maxAttachmentSize}}"))
                .setProperty(MailComposer.DONE_LOCATION,
                        simple("ftp://{{ftpHost}}:{{ftpPort}}{{remoteDir}}/.done/${file:name}"))
                .filter(method(MailComposer.class, "fits"))
                    // streamed to a work file, never held in memory; removed when the exchange ends
                    .setHeader(FtpLibProducer.PATH, header(Exchange.FILE_PATH))
                    .to("ftplib:retrbinary?localDir={{data}}/inbox/.work&host={{ftpHost}}&port={{ftpPort}}"
                            + "&username={{ftpUsername}}&password={{ftpPassword}}&passive={{ftpPassive}}&timeout={{ftpTimeout}}")
                    .process(WorkFiles::deleteWhenDone)
                .end()
                .process(new MailComposer())
                .to(smtp("{{smtpHost}}:{{smtpPort}}")
                        .from("{{mailFrom}}")
                        .to("{{mailTo}}")
                        .advanced()
                        .authenticator("#{{smtpCredentials}}")
                        .additionalJavaMailProperties("mail.smtp.ssl.enable", "{{smtpSsl}}")
                        .additionalJavaMailProperties("mail.smtp.starttls.enable", "{{smtpStarttls}}")
                        .additionalJavaMailProperties("mail.smtp.starttls.required", "{{smtpStarttls}}")
                        .additionalJavaMailProperties("mail.smtp.ssl.checkserveridentity", "true"))
                .process(LedgerSteps::delivered)
                .log("${routeId}: ${file:name} mailed to {{mailTo}}, moved to {{remoteDir}}/.done");
    }

    private static String resolve(RouteTemplateContext rtc, String parameter) {
        String value = rtc.getProperty(parameter, String.class);
        return value == null ? null : rtc.getCamelContext().resolvePropertyPlaceholders(value);
    }
}
