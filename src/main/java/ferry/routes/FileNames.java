package ferry.routes;

import org.apache.camel.Exchange;

/** Refuses local file names that FTP cannot carry: its commands are lines, so a CR or LF in a name would split one. */
final class FileNames {

    private FileNames() {
    }

    static void checkForFtp(Exchange exchange) {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, "", String.class);
        if (name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("file name '" + MailHeaders.safe(name)
                    + "' contains a line break (CR or LF), which an FTP command cannot carry; rename the file");
        }
    }
}
