package ferry.news;

import ferry.ledger.LedgerKey;
import ferry.ledger.LedgerService;
import ferry.nntplib.NntpHeaders;
import ferry.nntplib.NntpTemporaryException;
import ferry.routes.ErrorHandling;
import ferry.routes.LedgerSteps;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;

/**
 * Workflow post-files: a file dropped in the folder is posted to the group as an article (UTF-8 text as the body,
 * anything else attached), then archived; a refused post (441, 440, 5xx) goes to failed/ with a .error holding the
 * server's reply, a temporary fault is retried. The ledger claims each file first. The article's Message-ID comes from
 * the ledger key and is looked up (STAT) before posting, so a post whose answer a crash cut off is not made twice.
 */
public class PostFilesTemplate extends EndpointRouteBuilder {

    static final String LEDGER_KEY = "post-files|${file:absolute.path}|${file:size}|${header.CamelFileLastModified}";
    private static final String POSTED_BEFORE = "FerryNewsPostedBefore";
    private static final String FILE = "FerryNewsFile";

    @Override
    public void configure() {
        String nntp = NewsToMailTemplate.NNTP;
        NewsParameters.server(routeTemplate("post-files"))
                .templateParameter("enabled", "false", "post-files runs only when switched on (post-files.enabled)")
                .templateParameter("data", null, "local root; archive/news/ and failed/ are in it")
                .templateParameter("folder", null, "the folder whose files are posted")
                .templateParameter("group", null, "the group the files are posted to")
                .templateParameter("from", null, "the articles' From")
                .templateParameter("pollDelay", "500", "ms between looks into the folder")
                .templateParameter("stableTime", "500", "a file is taken once unchanged for this long (ms)")
                .from(file("{{folder}}")
                        // "changed": size and time must hold still for one interval, so half-copied files wait
                        .readLock("changed").readLockCheckInterval(100).readLockMinAge("{{stableTime}}")
                        .readLockMinLength(0).readLockMarkerFile(false)
                        .delay("{{pollDelay}}").initialDelay("{{pollDelay}}")
                        .move("{{data}}/archive/news/${date:now:yyyy-MM-dd}/${file:name}")
                        .moveFailed("{{data}}/failed/${file:name}")
                        // the ledger claims each file before it is taken
                        .idempotent(true).idempotentKey(LEDGER_KEY)
                        .idempotentRepository("#" + LedgerService.REPOSITORY))
                .autoStartup("{{enabled}}")
                .routeConfigurationId(ErrorHandling.ID)
                .setProperty(LedgerSteps.KEY, simple(LEDGER_KEY))
                .process(LedgerSteps::check)
                .filter(exchangeProperty(LedgerSteps.ALREADY_DELIVERED).isEqualTo(false))
                    .setProperty(FILE, body())
                    .process(e -> e.getMessage().setHeader(NntpHeaders.ARTICLE,
                            LedgerKey.parse(e.getProperty(LedgerSteps.KEY, String.class)).messageId()))
                    // an earlier attempt may have posted it and died before the ledger heard: the server knows
                    .doTry()
                        .to("nntplib:stat" + nntp)
                        .setProperty(POSTED_BEFORE, constant(true))
                    .doCatch(NntpTemporaryException.class).onWhen(simple("${exception.replyCode} == 430"))
                        .setProperty(POSTED_BEFORE, constant(false))
                    .end()
                    .setBody(exchangeProperty(FILE))
                    .choice()
                        .when(exchangeProperty(POSTED_BEFORE).isEqualTo(true))
                            .setHeader("Message-ID", header(NntpHeaders.ARTICLE))
                            .log("${routeId}: ${file:name} is on the server already (${header.FerryNntpArticle}), archiving")
                        .otherwise()
                            .setProperty(ArticleFromFile.GROUP, constant("{{group}}"))
                            .setProperty(ArticleFromFile.FROM, constant("{{from}}"))
                            .process(ArticleFromFile::compose)
                            .log("${routeId}: posting ${file:name} to {{group}} as ${header.FerryNntpArticle}")
                            .to("nntplib:post" + nntp)
                    .end()
                    .process(LedgerSteps::delivered)
                    .log("${routeId}: ${file:name} posted to {{group}}, archived");
    }
}
