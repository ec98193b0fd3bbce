package ferry.routes;

import org.apache.camel.Exchange;

/** Refuses local file names that FTP cannot carry: its commands are lines, so a CR or LF in a name would split one. */
final class FileNames {

    private FileNames() {
    }

    /** Mail headers and FTP commands are lines: a CR or LF in a name would start a new one. */
    static boolean hasLineBreak(String name) {
        return name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0;
    }

    static void checkForFtp(Exchange exchange) {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, "", String.class);
        if (hasLineBreak(name)) {
            throw new IllegalArgumentException("file name '" + MailHeaders.safe(name)
                    + "' contains a line break (CR or LF), which an FTP command cannot carry; rename the file");
        }
    }
}
