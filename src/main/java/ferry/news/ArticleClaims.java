package ferry.news;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ferry.ledger.Ledger;
import ferry.ledger.LedgerKey;
import ferry.ledger.LedgerService;
import ferry.nntplib.Overview;
import org.apache.camel.Exchange;

/**
 * news-to-mail's ledger steps: an article is tracked by its Message-ID (a cross-posted article is mailed once), claimed
 * before it is mailed and recorded once the mail server took it; and how far each group was read, so a poll asks only
 * for articles after the last one seen (after a restart the whole group again, which the ledger then filters).
 */
public final class ArticleClaims {

    public static final String KEY = ferry.routes.LedgerSteps.KEY;
    public static final String CLAIMED = "FerryNewsClaimed";
    public static final String NEW = "FerryNewsArticlesAfterLastSeen";
    private static final String WORKFLOW = "news-to-mail";
    private static final String NUMBER = "FerryNewsNumber";

    private final Map<String, Long> lastSeen = new ConcurrentHashMap<>();

    /**
     * The OVER range for the group just selected: after the last article seen, else the whole group; {@link #NEW} is
     * false when there is nothing after it (OVER would answer 423 for an empty range).
     */
    public void range(Exchange exchange) {
        String group = exchange.getMessage().getHeader(ferry.nntplib.NntpHeaders.GROUP, String.class);
        long first = exchange.getMessage().getHeader(ferry.nntplib.NntpHeaders.FIRST, 1L, Long.class);
        long last = exchange.getMessage().getHeader(ferry.nntplib.NntpHeaders.LAST, 0L, Long.class);
        long from = Math.max(first, lastSeen.getOrDefault(server(exchange) + "/" + group, 0L) + 1);
        exchange.getMessage().setHeader(ferry.nntplib.NntpHeaders.RANGE, from + "-");
        exchange.setProperty(NEW, from <= last);
    }

    /** Claims the overview line's article; marks the exchange {@link #CLAIMED} when this instance should mail it. */
    public void claim(Exchange exchange) throws Exception {
        Overview article = exchange.getMessage().getMandatoryBody(Overview.class);
        exchange.setProperty(NUMBER, article.number());
        LedgerKey key = new LedgerKey(WORKFLOW, "nntp://" + server(exchange) + "/" + article.messageId(), 0, 0);
        Ledger.Claim claim = ledger(exchange).claim(key);
        exchange.setProperty(KEY, key.toString());
        boolean claimed = claim == Ledger.Claim.NEW || claim == Ledger.Claim.RETAKEN;
        exchange.setProperty(CLAIMED, claimed);
        if (!claimed) {
            seen(exchange);
        }
        exchange.getMessage().setHeader(ferry.nntplib.NntpHeaders.ARTICLE, article.messageId());
    }

    /** The mail server took the article's mail: never again. */
    public void delivered(Exchange exchange) throws Exception {
        LedgerKey key = LedgerKey.parse(exchange.getProperty(KEY, String.class));
        ledger(exchange).delivered(key, key.messageId());
        seen(exchange);
    }

    /** A digest holding the article was taken by the mail server: never again (see {@link ArticleDigest}). */
    void delivered(Exchange exchange, LedgerKey key, String messageId, String group, long number) throws Exception {
        ledger(exchange).delivered(key, messageId);
        lastSeen.merge(server(exchange) + "/" + group, number, Math::max);
    }

    /** Later polls start after this article; one that failed is not passed, so the next poll tries it again. */
    private void seen(Exchange exchange) {
        String group = exchange.getMessage().getHeader(ferry.nntplib.NntpHeaders.GROUP, String.class);
        lastSeen.merge(server(exchange) + "/" + group, exchange.getProperty(NUMBER, Long.class), Math::max);
    }

    private static String server(Exchange exchange) {
        return exchange.getContext().resolvePropertyPlaceholders("{{nntp.host}}:{{nntp.port}}");
    }

    static Ledger ledger(Exchange exchange) {
        return exchange.getContext().getRegistry().lookupByNameAndType(LedgerService.LEDGER, Ledger.class);
    }
}
