package ferry.ftplib;

import java.time.Duration;
import java.time.Instant;

import org.apache.commons.net.ftp.FTPFile;

/** One parsed line of a LIST reply; getters so routes can use {@code ${body.name}} and friends. */
public final class FtpEntry {

    private final String name;
    private final long size;
    private final Instant time;
    private final String type;

    public FtpEntry(String name, long size, Instant time, String type) {
        this.name = name;
        this.size = size;
        this.time = time;
        this.type = type;
    }

    /** False for {@code .} and {@code ..}, which some servers list (also in an empty folder): never entries to act on. */
    public static boolean isEntry(String name) {
        return name != null && !name.isEmpty() && !".".equals(name) && !"..".equals(name);
    }

    static FtpEntry of(FTPFile f) {
        String type = f.isDirectory() ? "dir" : f.isSymbolicLink() ? "link" : f.isFile() ? "file" : "unknown";
        return new FtpEntry(f.getName(), f.getSize(), f.getTimestamp() == null ? null : f.getTimestamp().toInstant(), type);
    }

    public String getName() {
        return name;
    }

    public long getSize() {
        return size;
    }

    /** Modification time as the listing gives it (some servers list only the day, or the minute). */
    public Instant getTime() {
        return time;
    }

    /** file, dir, link or unknown. */
    public String getType() {
        return type;
    }

    public boolean isFile() {
        return "file".equals(type);
    }

    public boolean isDirectory() {
        return "dir".equals(type);
    }

    /** True when the entry's time is known and more than {@code days} days ago. */
    public boolean olderThanDays(long days) {
        return time != null && time.isBefore(Instant.now().minus(Duration.ofDays(days)));
    }

    @Override
    public String toString() {
        return type + " " + name + " " + size + " " + time;
    }
}
