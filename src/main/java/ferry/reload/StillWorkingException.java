package ferry.reload;

/**
 * A route of a changed file has files in transfer (or still had when its graceful stop ran out of time): it keeps
 * running, and the change waits for a later try (a transfer cut short would be done again, or half recorded).
 */
final class StillWorkingException extends Exception {

    StillWorkingException(String why) {
        super(why);
    }
}
