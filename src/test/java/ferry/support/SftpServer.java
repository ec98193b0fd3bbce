package ferry.support;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Set;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;

/** An SFTP server (Apache MINA SSHD) on 127.0.0.1 and a free port, one password account, its files in a folder. */
public final class SftpServer implements AutoCloseable {

    private SshServer sshd;
    private final Path root;
    private final PublicKey hostKey;
    private final int port;
    private final String user;
    private final String password;
    private final SftpSubsystemFactory sftp;

    private SftpServer(SshServer sshd, Path root, PublicKey hostKey, String user, String password, SftpSubsystemFactory sftp) {
        this.sshd = sshd;
        this.sftp = sftp;
        this.user = user;
        this.password = password;
        this.port = sshd.getPort();
        this.root = root;
        this.hostKey = hostKey;
    }

    public static SftpServer start(Path dir, String user, String password) throws Exception {
        return start(dir, user, password, new SftpSubsystemFactory());
    }

    /**
     * A server whose account may list and read but not write: opening a file for writing or making a folder is
     * refused as the file system's access denied, which MINA SSHD answers with SFTP status 3 (permission denied).
     */
    public static SftpServer startReadOnly(Path dir, String user, String password) throws Exception {
        SftpFileSystemAccessor readOnly = new SftpFileSystemAccessor() {
            @Override
            public SeekableByteChannel openFile(SftpSubsystemProxy subsystem, FileHandle handle, Path file, String id,
                                                Set<? extends OpenOption> options, FileAttribute<?>... attrs)
                    throws IOException {
                if (options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.CREATE)
                        || options.contains(StandardOpenOption.CREATE_NEW) || options.contains(StandardOpenOption.APPEND)) {
                    throw new AccessDeniedException(file.toString(), null, "read-only account");
                }
                return SftpFileSystemAccessor.super.openFile(subsystem, handle, file, id, options, attrs);
            }

            @Override
            public void createDirectory(SftpSubsystemProxy subsystem, Path path) throws IOException {
                throw new AccessDeniedException(path.toString(), null, "read-only account");
            }
        };
        return start(dir, user, password, new SftpSubsystemFactory.Builder().withFileSystemAccessor(readOnly).build());
    }

    /**
     * A server that answers a STAT of anything but a folder with a plain failure (SFTP status 4), existing file or
     * not, as some servers do for a path they will not describe; folders and listings work.
     */
    public static SftpServer startWithoutStat(Path dir, String user, String password) throws Exception {
        SftpSubsystemFactory noStat = new SftpSubsystemFactory() {
            @Override
            public org.apache.sshd.server.command.Command createSubsystem(org.apache.sshd.server.channel.ChannelSession channel) {
                return new org.apache.sshd.sftp.server.SftpSubsystem(channel, this) {
                    @Override
                    protected java.util.Map<String, Object> doStat(int id, String path, int flags) throws IOException {
                        java.util.Map<String, Object> attributes;
                        try {
                            attributes = super.doStat(id, path, flags);
                        } catch (IOException missing) {
                            throw new IOException("stat is not offered here");
                        }
                        if (!Boolean.TRUE.equals(attributes.get("isDirectory"))) {
                            throw new IOException("stat is not offered here");
                        }
                        return attributes;
                    }
                };
            }
        };
        return start(dir, user, password, noStat);
    }

    private static SftpServer start(Path dir, String user, String password, SftpSubsystemFactory sftp) throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(dir.resolve("host-key"));
        SshServer sshd = server(root, keys, user, password, 0, sftp);
        PublicKey hostKey = keys.loadKeys(null).iterator().next().getPublic();
        return new SftpServer(sshd, root, hostKey, user, password, sftp);
    }

    private static SshServer server(Path root, SimpleGeneratorHostKeyProvider keys, String user, String password, int port,
                                    SftpSubsystemFactory sftp) throws IOException {
        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(port);
        sshd.setKeyPairProvider(keys);
        sshd.setPasswordAuthenticator((u, p, session) -> user.equals(u) && password.equals(p));
        sshd.setSubsystemFactories(List.of(sftp));
        sshd.setFileSystemFactory(new VirtualFileSystemFactory(root));
        sshd.start();
        return sshd;
    }

    public int port() {
        return port;
    }

    /** What the account sees as its home. */
    public Path root() {
        return root;
    }

    /** A known_hosts file holding this server's host key, in OpenSSH's format for a non-standard port. */
    public Path knownHosts(Path file) throws IOException {
        return Files.writeString(file, line(hostKey) + "\n");
    }

    /** A known_hosts file naming this host and port with some other key: what a man in the middle would present. */
    public Path knownHostsWithAnotherKey(Path file) throws Exception {
        return Files.writeString(file, line(otherKey().getPublic()) + "\n");
    }

    private KeyPair otherKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(hostKey.getAlgorithm());
        if ("EC".equals(hostKey.getAlgorithm())) {
            generator.initialize(((java.security.interfaces.ECPublicKey) hostKey).getParams());
        }
        return generator.generateKeyPair();
    }

    /** The host key's fingerprint as OpenSSH prints it (SHA256:...), computed by MINA SSHD, not by Ferry. */
    public String fingerprint() {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, hostKey);
    }

    /** The fingerprint of a freshly generated key of the same type: a pin this server does not match. */
    public String anotherFingerprint() throws Exception {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, otherKey().getPublic());
    }

    private String line(PublicKey key) {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(key);
    }

    /** Stops listening (an outage); {@link #restart} brings it back on the same port with the same key. */
    public void stop() throws IOException {
        sshd.stop(true);
    }

    /** A new server (MINA's cannot start twice) on the same port, with the same key, account and files. */
    public void restart() throws IOException {
        sshd = server(root, (SimpleGeneratorHostKeyProvider) sshd.getKeyPairProvider(), user, password, port, sftp);
    }

    @Override
    public void close() throws IOException {
        sshd.stop(true);
    }
}
