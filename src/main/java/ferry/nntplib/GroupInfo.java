package ferry.nntplib;

/** One line of LIST ACTIVE / NEWGROUPS, like nntplib's GroupInfo: the group, its last and first article, its flag (y, n, m). */
public record GroupInfo(String group, long last, long first, String flag) {
}
