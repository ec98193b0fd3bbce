package ferry.ledger;

/**
 * A file whose attempts ended with Ferry's own process too often (killed, out of memory): it is failed for good
 * instead of being taken again at every start, where it could take Ferry down with it each time.
 */
public class AttemptsDiedException extends Exception {

    public AttemptsDiedException(LedgerKey key, int died, int max) {
        super(died + " attempt(s) at " + key.source() + " ended with Ferry's process before they finished (killed, "
                + "or out of memory: see the log of those runs); after " + max + " (ferry.ledger.max-died-attempts) it is "
                + "not taken again. Put the file back to try once more");
    }
}
