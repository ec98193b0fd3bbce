package ferry.ftplib;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The ftplib operations an {@code ftplib:} endpoint can perform. */
public enum FtpOperation {
    LOGIN, PWD, CWD, DIR, NLST, RETRLINES, RETRBINARY, STORLINES, STORBINARY, RENAME, DELETE, MKD, RMD, SIZE, MDTM, QUIT;

    public static FtpOperation of(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ftplib:" + name + " is not an ftplib operation; use one of "
                    + Arrays.stream(values()).map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")), e);
        }
    }

    /** Does the operation move data over a data connection (listing, download, upload)? */
    public boolean transfers() {
        return switch (this) {
            case DIR, NLST, RETRLINES, RETRBINARY, STORLINES, STORBINARY -> true;
            default -> false;
        };
    }

    public String step() {
        return name().toLowerCase(Locale.ROOT);
    }
}
