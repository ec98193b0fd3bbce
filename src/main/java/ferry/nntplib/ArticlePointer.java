package ferry.nntplib;

/** An article's number in the current group (0 when asked by Message-ID outside a group) and its Message-ID. */
public record ArticlePointer(long number, String messageId) {
}
