package ferry.ftplib;

/**
 * A 5xx final reply to a transfer the server had already accepted (after its 1xx): still ftplib's error_perm, but
 * it tells of a transfer broken while the bytes moved (MINA FtpServer answers 551 "Error on output file" when it is
 * stopped mid-transfer), not of a refused file, so the workflows retry it instead of failing the file.
 */
public class FtpTransferAbortedException extends FtpPermanentException {

    public FtpTransferAbortedException(String operation, String path, String server, int replyCode, String replyText) {
        super(operation, path, server, replyCode, replyText, null);
    }
}
