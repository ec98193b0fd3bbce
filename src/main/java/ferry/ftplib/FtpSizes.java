package ferry.ftplib;

import org.apache.commons.net.ftp.FTPClient;

/**
 * SIZE, and the question "is there a file?" asked with it (no data connection, no listing): 213 is yes and only 550
 * is no. SIZE goes in binary mode, as vsftpd and others refuse it in ASCII mode (550, which would read as "no such
 * file"); a server without SIZE (500, 502, ...) is asked by listing the folder, so nothing is overwritten unseen.
 */
final class FtpSizes {

    /** SIZE's answer (null when refused) with the reply it came in. */
    private record SizeReply(String size, int code, String text) {
    }

    private final FTPClient client;
    private final FtpCommands ftp;
    private final FtpTransferType type;
    private final FtpListings listings;
    private final String server;
    // the server answered SIZE with 500/502 once: it has no SIZE, ask by listing from then on
    private boolean noSize;

    FtpSizes(FTPClient client, FtpCommands ftp, FtpTransferType type, FtpListings listings, String server) {
        this.client = client;
        this.ftp = ftp;
        this.type = type;
        this.listings = listings;
        this.server = server;
    }

    boolean exists(String path) throws FtpException {
        if (!noSize) {
            SizeReply reply = ask(path);
            if (reply.size() != null) {
                return true;
            }
            if (reply.code() == 550) {
                return false;
            }
            if (reply.code() != 500 && reply.code() != 502 && reply.code() != 504 && reply.code() != 501) {
                throw FtpFailures.reply("size", path, server, reply.code(), reply.text());
            }
            noSize = true;
        }
        return listings.listed(path);
    }

    long size(String path) throws FtpException {
        SizeReply reply = ask(path);
        if (reply.size() == null) {
            throw FtpFailures.reply("size", path, server, reply.code(), reply.text());
        }
        try {
            return Long.parseLong(reply.size().trim());
        } catch (NumberFormatException e) {
            throw new FtpProtocolException("size", path, server, reply.code(), reply.text(), e);
        }
    }

    /** SIZE in binary mode, its reply taken as the step's; an ASCII session is switched back after. */
    private SizeReply ask(String path) throws FtpException {
        boolean wasAscii = type.ascii();
        if (wasAscii) {
            type.set(true);
        }
        SizeReply reply = ftp.step(new SizeReply(ftp.run("size", path, () -> client.getSize(path)), ftp.code(),
                ftp.lastText()));
        if (wasAscii) {
            type.set(false);
        }
        return reply;
    }
}
