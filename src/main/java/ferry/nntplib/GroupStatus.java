package ferry.nntplib;

/** The answer to GROUP, like nntplib's group(): the estimated count, first and last article numbers, the name. */
public record GroupStatus(long count, long first, long last, String group) {
}
