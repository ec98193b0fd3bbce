package ferry.support;

import java.nio.file.Path;

/** A real FTP server a test talks to: where it listens, the account, its disk, and FTPS or not. */
public record FtpTarget(String name, int port, String user, String password, Path disk, String home, String security) {

    public FtpTarget(String name, int port, String user, String password, Path disk, String home) {
        this(name, port, user, password, disk, home, "none");
    }

    /** ftplib endpoint options for this server. */
    public String options() {
        return "host=127.0.0.1&port=" + port + "&username=" + user + "&password=RAW(" + password + ")&timeout=5000"
                + "&security=" + security;
    }

    @Override
    public String toString() {
        return name;
    }
}
