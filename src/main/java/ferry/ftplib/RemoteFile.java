package ferry.ftplib;

import java.time.Instant;

/** A file in a watched remote folder as one listing saw it: folder, name, size and modification time. */
public record RemoteFile(String folder, String name, long size, Instant time) {

    /** The path the server knows it by (folder and name). */
    public String path() {
        return folder.isEmpty() || folder.endsWith("/") ? folder + name : folder + "/" + name;
    }

    /** Modification time in ms since the epoch (0 when the listing gave none). */
    public long millis() {
        return time == null ? 0 : time.toEpochMilli();
    }
}
