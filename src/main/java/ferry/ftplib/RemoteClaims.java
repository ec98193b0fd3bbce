package ferry.ftplib;

import java.util.List;

/**
 * Who may take which file of a listing: the workflow's ledger claims a batch for this instance, so several
 * instances watching one folder share its files and none is taken twice.
 */
public interface RemoteClaims {

    /** Claims at most {@code max} of {@code files} in one go (their listing order kept); returns those now ours. */
    List<RemoteFile> claim(List<RemoteFile> files, int max) throws Exception;

    /** Gives back a claim that was never worked on (the consumer stopped before it got to the file). */
    void release(RemoteFile file);
}
