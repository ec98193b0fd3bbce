package ferry.nntplib;

import org.apache.camel.spi.Metadata;

/** The message headers nntplib steps read (arguments that override options) and set (results). */
public final class NntpHeaders {

    @Metadata(description = "The group to select or search (overrides the group option).", javaType = "String")
    public static final String GROUP = "FerryNntpGroup";
    @Metadata(description = "The article: a number in the current group or a Message-ID (overrides the article option).",
              javaType = "String")
    public static final String ARTICLE = "FerryNntpArticle";
    @Metadata(description = "A wildmat for list and descriptions (overrides the pattern option).", javaType = "String")
    public static final String PATTERN = "FerryNntpPattern";
    @Metadata(description = "newgroups/newnews: since when (overrides the since option).", javaType = "String")
    public static final String SINCE = "FerryNntpSince";
    @Metadata(description = "over: the article range, such as 5- or 5-9 (overrides the range option).", javaType = "String")
    public static final String RANGE = "FerryNntpRange";
    @Metadata(description = "The reply code of the step's last command.", javaType = "int")
    public static final String REPLY_CODE = "FerryNntpReplyCode";
    @Metadata(description = "The reply line of the step's last command.", javaType = "String")
    public static final String REPLY_TEXT = "FerryNntpReplyText";
    @Metadata(description = "stat, next, last, head, body, article, post: the article's Message-ID.", javaType = "String")
    public static final String MESSAGE_ID = "FerryNntpMessageId";
    @Metadata(description = "stat, next, last, head, body, article: the article's number (0 when asked by Message-ID).",
              javaType = "long")
    public static final String ARTICLE_NUMBER = "FerryNntpArticleNumber";
    @Metadata(description = "group: the estimated number of articles.", javaType = "long")
    public static final String COUNT = "FerryNntpCount";
    @Metadata(description = "group: the first article number.", javaType = "long")
    public static final String FIRST = "FerryNntpFirst";
    @Metadata(description = "group: the last article number.", javaType = "long")
    public static final String LAST = "FerryNntpLast";

    private NntpHeaders() {
    }
}
