package ferry.ftplib;

import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;

/**
 * The transfer type an FTP session is in (TYPE I, binary, or TYPE A, ASCII). A command that needs the other one
 * (retrlines, an upload in the mode its step asks) switches for itself and sets the session's own type back after.
 */
final class FtpTransferType {

    /** A session command run in a type of its own. */
    @FunctionalInterface
    interface Command<T> {
        T run() throws FtpException;
    }

    private final FTPClient client;
    private final FtpCommands ftp;
    private boolean ascii;

    FtpTransferType(FTPClient client, FtpCommands ftp) {
        this.client = client;
        this.ftp = ftp;
    }

    boolean ascii() {
        return ascii;
    }

    /** Sends TYPE I ({@code binary}) or TYPE A; not a step: the step's reply stays the command's it serves. */
    void set(boolean binary) throws FtpException {
        String op = binary ? "type binary" : "type ascii";
        ftp.expect(op, null, () -> client.setFileType(binary ? FTP.BINARY_FILE_TYPE : FTP.ASCII_FILE_TYPE));
        ascii = !binary;
    }

    /** Runs {@code command} in the type asked; the session's own type is set back after, also when it fails. */
    <T> T during(boolean binary, Command<T> command) throws FtpException {
        boolean switching = binary == ascii;
        boolean wasAscii = ascii;
        if (switching) {
            set(binary);
        }
        try {
            return command.run();
        } finally {
            if (switching) {
                set(!wasAscii);
            }
        }
    }
}
