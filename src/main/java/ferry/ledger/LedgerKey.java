package ferry.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What identifies a file in the ledger: the workflow, where it came from (full path, with the server for
 * remote files), its size and modification time. Written as {@code workflow|source|size|mtime}.
 */
public final class LedgerKey {

    // a file's key text is parsed at each step of its way (claim, attempt, delivery, journal events): the keys of the
    // files in flight are kept, so each is parsed and hashed once
    private static final int KEPT = 1024;
    private static final Map<String, LedgerKey> RECENT = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, LedgerKey> eldest) {
            return size() > KEPT;
        }
    });

    private final String workflow;
    private final String source;
    private final long size;
    private final long mtime;
    // asked for by every ledger write and journal event of the file: a SHA-256 computed once
    private String hash;

    public LedgerKey(String workflow, String source, long size, long mtime) {
        this.workflow = workflow;
        this.source = source;
        this.size = size;
        this.mtime = mtime;
    }

    public String workflow() {
        return workflow;
    }

    public String source() {
        return source;
    }

    public long size() {
        return size;
    }

    public long mtime() {
        return mtime;
    }

    public static LedgerKey parse(String text) {
        LedgerKey known = RECENT.get(text);
        if (known == null) {
            known = read(text);
            RECENT.put(text, known);
        }
        return known;
    }

    private static LedgerKey read(String text) {
        int first = text.indexOf('|');
        int last = text.lastIndexOf('|');
        int beforeLast = text.lastIndexOf('|', last - 1);
        if (first < 0 || beforeLast <= first) {
            throw new IllegalArgumentException("ledger key '" + text + "' is not workflow|source|size|mtime");
        }
        try {
            return new LedgerKey(text.substring(0, first), text.substring(first + 1, beforeLast),
                    Long.parseLong(text.substring(beforeLast + 1, last)), Long.parseLong(text.substring(last + 1)));
        } catch (NumberFormatException e) {
            // a file that vanished between the listing and its claim has no size or time any more
            throw new IllegalArgumentException("ledger key '" + text + "' has no size or modification time", e);
        }
    }

    /** A fixed-length id for the database's primary key (paths can be longer than an index allows). */
    public String hash() {
        String known = hash;
        if (known == null) {
            known = sha256();
            hash = known;
        }
        return known;
    }

    private String sha256() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((workflow + "|" + source + "|" + size + "|" + mtime).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The Message-ID of this file's mail: the same on every attempt, so a resend can be recognised. */
    public String messageId() {
        return "<" + hash().substring(0, 40) + "@ferry>";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LedgerKey k && size == k.size && mtime == k.mtime && workflow.equals(k.workflow)
                && source.equals(k.source);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(workflow, source, size, mtime);
    }

    @Override
    public String toString() {
        return workflow + "|" + source + "|" + size + "|" + mtime;
    }
}
