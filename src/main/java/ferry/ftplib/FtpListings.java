package ferry.ftplib;

import java.util.Arrays;
import java.util.List;

import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.apache.commons.net.ftp.FTPReply;

import ferry.ftplib.RemoteSession.Listing;

/**
 * FTP's folder listings: NLST (names), LIST (the server's lines, parsed), and MLSD where the server offers it (exact
 * sizes and times) with LIST as the fallback; and, for servers without SIZE, whether a name is in its folder's NLST.
 */
final class FtpListings {

    private final FTPClient client;
    private final FtpCommands ftp;

    FtpListings(FTPClient client, FtpCommands ftp) {
        this.client = client;
        this.ftp = ftp;
    }

    List<String> nlst(String path) throws FtpException {
        String[] names = ftp.run("nlst", path, () -> path == null ? client.listNames() : client.listNames(path));
        if (names == null) {
            // an empty directory answers 550 on some servers and 226 with no data on others
            if (client.getReplyCode() == 550 || FTPReply.isPositiveCompletion(client.getReplyCode())) {
                return ftp.step(List.of());
            }
            throw ftp.failure("nlst", path, client.getReplyCode());
        }
        // what the server sent, '.' and '..' included where it sends them (as ftplib's nlst): callers filter
        return ftp.step(Arrays.asList(names));
    }

    Listing dir(String path) throws FtpException {
        FTPFile[] files = ftp.run("dir", path, () -> path == null ? client.listFiles() : client.listFiles(path));
        ftp.check("dir", path, client.getReplyCode());
        List<FTPFile> list = Arrays.asList(files);
        // the lines as the server printed them; the entries never hold '.' or '..' (some servers list them,
        // also for an empty folder): nothing acting on entries may walk into the folder itself or its parent
        return ftp.step(new Listing(list.stream().map(FTPFile::getRawListing).toList(),
                list.stream().filter(f -> FtpEntry.isEntry(f.getName())).map(FtpEntry::of).toList()));
    }

    /** The folder's entries by MLSD, or by LIST (then a step) where the server offers neither MLSD nor MLST. */
    List<FtpEntry> entries(String path) throws FtpException {
        boolean mlsd = ftp.run("feat", path, () -> client.hasFeature("MLSD") || client.hasFeature("MLST"));
        if (!mlsd) {
            return dir(path).entries();
        }
        FTPFile[] listed = ftp.run("mlsd", path, () -> client.mlistDir(path));
        ftp.check("mlsd", path, client.getReplyCode());
        // MLSD gives cdir/pdir types to "." and "..": a caller's isFile() leaves them out
        return Arrays.stream(listed).filter(f -> f != null).map(FtpEntry::of).toList();
    }

    /** Is {@code path}'s name in its folder's NLST? Not a step: the reply stays the one that sent us here. */
    boolean listed(String path) throws FtpException {
        int slash = path.lastIndexOf('/');
        String folder = slash < 0 ? null : slash == 0 ? "/" : path.substring(0, slash);
        String name = path.substring(slash + 1);
        String[] names = ftp.run("nlst", folder, () -> folder == null ? client.listNames() : client.listNames(folder));
        if (names == null && !FTPReply.isPositiveCompletion(client.getReplyCode())) {
            throw ftp.failure("nlst", folder, client.getReplyCode());
        }
        // servers answer NLST with bare names or with the folder in front
        return names != null && Arrays.stream(names).anyMatch(n -> n.equals(name) || n.endsWith("/" + name));
    }
}
