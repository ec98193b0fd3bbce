package ferry.support;

import java.util.ArrayList;
import java.util.List;

import org.apache.ftpserver.ftplet.Authority;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.TransferRatePermission;
import org.apache.ftpserver.usermanager.impl.WritePermission;

/** Changes what Ferry's account may do on the embedded FTP server: a fault the tests switch on and off. */
public final class FtpAccount {

    private FtpAccount() {
    }

    /** Uploads refused with 550 (read only), or allowed again; {@code maxUploadRate} bytes/s, 0 = unlimited. */
    public static void set(FerryApp app, boolean writable, int maxUploadRate) throws FtpException {
        BaseUser user = new BaseUser();
        user.setName(app.property("ftp.username"));
        user.setPassword(app.property("ftp.password"));
        user.setHomeDirectory(app.ftpRoot().toString());
        List<Authority> rights = new ArrayList<>();
        rights.add(new TransferRatePermission(0, maxUploadRate));
        if (writable) {
            rights.add(new WritePermission());
        }
        user.setAuthorities(rights);
        app.servers().ftp().users().save(user);
        // MINA applies an account's rights at login: the sessions Ferry keeps logged in are ended, so the change
        // takes effect at once, as when an administrator fixes the account and restarts the server
        org.apache.ftpserver.listener.Listener listener =
                ((org.apache.ftpserver.impl.DefaultFtpServer) app.servers().ftp().server()).getListener("default");
        listener.getActiveSessions().forEach(session -> session.closeNow().awaitUninterruptibly(5_000));
    }
}
