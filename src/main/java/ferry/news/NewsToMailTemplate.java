package ferry.news;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * Workflow news-to-mail: every poll, each configured group is read from after the last article seen (OVER), and each
 * article not yet in the ledger (by Message-ID) is mailed, one mail per article with the article attached unchanged.
 * The ledger claims an article before it is mailed and records it once the mail server took it: a restart resumes,
 * nothing is mailed twice except in the moment between the mail server's yes and the ledger write, and then with the
 * same Message-ID.
 */
public class NewsToMailTemplate extends RouteBuilder {

    /** Query of every nntplib step: the news server named by the template's parameters. */
    static final String NNTP = "?host={{nntpHost}}&port={{nntpPort}}&username={{nntpUsername}}"
            + "&password=RAW({{nntpPassword}})&security={{nntpSecurity}}&timeout={{nntpTimeout}}";

    private static final String SMTP = "smtplib:sendmail?host={{smtpHost}}&port={{smtpPort}}&security={{smtpSecurity}}"
            + "&username={{smtpUsername}}&password=RAW({{smtpPassword}})";

    @Override
    public void configure() {
        ArticleClaims claims = new ArticleClaims();
        NewsParameters.server(routeTemplate("news-to-mail"))
                .templateParameter("enabled", "false", "news-to-mail runs only when switched on (news-to-mail.enabled)")
                .templateParameter("groups", null, "comma-separated groups whose new articles are mailed")
                .templateParameter("pollInterval", "60000", "ms between polls of the groups")
                .templateParameter("smtpHost").templateParameter("smtpPort")
                .templateParameter("smtpUsername", "").templateParameter("smtpPassword", "")
                .templateParameter("smtpSecurity", "none", "none, starttls (required) or ssl")
                .templateParameter("data", null, "local root; articles pass through inbox/.work")
                .templateParameter("mailFrom", null, "sender of the article mails")
                .templateParameter("mailTo", null, "recipients of the article mails")
                .templateParameter("digest", "false", "true: the articles of one poll go out as one digest mail, so "
                        + "the poll interval is the digest's period")
                .from("timer:news-to-mail?period={{pollInterval}}&delay=1000")
                .autoStartup("{{enabled}}")
                // a poll that fails leaves the rest for the next poll; the ledger knows what was mailed
                .onException(Exception.class).handled(true).logExhausted(false)
                    .log(LoggingLevel.WARN, "${routeId}: poll stopped, trying again at the next one: ${exception.message}")
                .end()
                .setProperty(ArticleMail.FROM, constant("{{mailFrom}}"))
                .setProperty(ArticleMail.TO, constant("{{mailTo}}"))
                .setProperty(ArticleMail.DATA, constant("{{data}}"))
                .process(ArticleDigest::begin)
                .setBody(constant("{{groups}}"))
                .split(body().tokenize(",")).stopOnException()
                    .setHeader(ferry.nntplib.NntpHeaders.GROUP, simple("${body.trim()}"))
                    .to("nntplib:group" + NNTP)
                    .process(claims::range)
                    // an empty group, or nothing after the last article seen: no OVER (it would answer 423)
                    .filter(exchangeProperty(ArticleClaims.NEW))
                        .to("nntplib:over" + NNTP)
                        .split(body()).stopOnException()
                            .setProperty(ArticleMail.OVERVIEW, body())
                            .process(claims::claim)
                            .filter(exchangeProperty(ArticleClaims.CLAIMED))
                                .to("nntplib:article" + NNTP)
                                .choice()
                                    .when(simple("{{digest}}"))
                                        // kept for the poll's one digest mail, sent once every group was read
                                        .process(ArticleDigest::add)
                                    .otherwise()
                                        .process(ArticleMail::compose)
                                        .to(SMTP)
                                        .process(claims::delivered)
                                        .log("${routeId}: ${header.FerryNntpArticle} from ${header.FerryNntpGroup} mailed to {{mailTo}}")
                                .end()
                            .end()
                        .end()
                    .end()
                .end()
                .process(ArticleDigest::any)
                .filter(exchangeProperty(ArticleDigest.ANY))
                    .process(ArticleDigest::compose)
                    .to(SMTP)
                    .process(e -> ArticleDigest.delivered(e, claims))
                    .log("${routeId}: digest of ${exchangeProperty.FerryNewsDigest.size()} article(s) mailed to {{mailTo}}")
                .end();
    }
}
