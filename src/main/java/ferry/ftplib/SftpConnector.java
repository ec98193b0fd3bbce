package ferry.ftplib;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import ferry.ssh.HostKeyCheck;
import ferry.ssh.HostKeyRefusedException;

/**
 * Opens the SSH connection and its SFTP channel for an {@link SftpSession}: the server's host key checked against
 * {@code hostKeyFingerprint} or {@code knownHosts}, always; settings that only mean something over FTP refused.
 */
final class SftpConnector {

    /** A logged-in SSH session, its SFTP channel, and the user it logged in as. */
    record Connection(Session ssh, ChannelSftp channel, String user) {
    }

    private SftpConnector() {
    }

    static Connection connect(FtpSettings settings) throws FtpException {
        String server = settings.host() + ":" + settings.port();
        refuseFtpOnlySettings(settings);
        // a setting naming no usable known_hosts file or fingerprint fails here, naming it (IllegalArgumentException)
        HostKeyCheck hostKeys = HostKeyCheck.of(settings.knownHosts(), settings.hostKeyFingerprint());
        String user = settings.username() == null || settings.username().isEmpty() ? "anonymous" : settings.username();
        Session ssh = null;
        try {
            ssh = new JSch().getSession(user, settings.host(), settings.port());
            ssh.setHostKeyRepository(hostKeys);
            ssh.setConfig("StrictHostKeyChecking", "yes");
            ssh.setPassword(settings.password() == null ? "" : settings.password());
            ssh.setTimeout(settings.timeoutMillis());
            ssh.connect(settings.timeoutMillis());
            ChannelSftp channel = (ChannelSftp) ssh.openChannel("sftp");
            channel.connect(settings.timeoutMillis());
            return new Connection(ssh, channel, user);
        } catch (JSchException | HostKeyRefusedException e) {
            if (ssh != null) {
                ssh.disconnect();
            }
            throw SftpFailures.connect(server, user, e);
        }
    }

    /** FTP's transfer modes and FTPS have no meaning over SSH: say so rather than ignore them. */
    private static void refuseFtpOnlySettings(FtpSettings settings) {
        if (settings.secure()) {
            throw new IllegalArgumentException("ftplib: security = '" + settings.security() + "' (FTPS) does not exist"
                    + " over protocol sftp, which is always encrypted (SSH): use security=none with protocol=sftp");
        }
        if (!settings.passive()) {
            throw new IllegalArgumentException("ftplib: active mode (passive=false) does not exist over protocol sftp"
                    + " (SSH carries data on the same connection): leave passive=true");
        }
    }
}
