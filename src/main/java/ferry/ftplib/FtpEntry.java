package ferry.ftplib;

import java.time.Instant;

import org.apache.commons.net.ftp.FTPFile;

/** One parsed line of a LIST reply. */
public record FtpEntry(String name, long size, Instant time, String type) {

    static FtpEntry of(FTPFile f) {
        String type = f.isDirectory() ? "dir" : f.isSymbolicLink() ? "link" : f.isFile() ? "file" : "unknown";
        return new FtpEntry(f.getName(), f.getSize(), f.getTimestamp() == null ? null : f.getTimestamp().toInstant(), type);
    }
}
