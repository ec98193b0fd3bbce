package ferry.ssh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;

/**
 * Decides whether an SSH server's host key is the expected one: against pinned fingerprints
 * ({@code sftp.host-key-fingerprint}) when there are any, otherwise against an OpenSSH known_hosts file
 * ({@code sftp.known-hosts}). A key that does not match is refused with a {@link HostKeyRefusedException} naming
 * the host and both fingerprints, never added or trusted on first use.
 */
public final class HostKeyCheck implements HostKeyRepository {

    private final List<String> pins;
    private final HostKeyRepository knownHosts;
    private final String source;

    private HostKeyCheck(List<String> pins, HostKeyRepository knownHosts, String source) {
        this.pins = pins;
        this.knownHosts = knownHosts;
        this.source = source;
    }

    /** The pins when {@code fingerprints} names any, else the known_hosts file; fails naming the setting at fault. */
    public static HostKeyCheck of(String knownHostsFile, String fingerprints) {
        List<String> pins = HostKeyFingerprint.parseAll("sftp.host-key-fingerprint", fingerprints);
        if (!pins.isEmpty()) {
            return new HostKeyCheck(pins, null, "sftp.host-key-fingerprint");
        }
        if (knownHostsFile == null || knownHostsFile.isBlank() || !Files.isReadable(Path.of(knownHostsFile))) {
            throw new IllegalArgumentException("sftp.known-hosts = '" + knownHostsFile + "' is not a readable file, and no"
                    + " sftp.host-key-fingerprint is set: SFTP needs one of them to check the server's host key");
        }
        JSch jsch = new JSch();
        try {
            jsch.setKnownHosts(knownHostsFile);
        } catch (JSchException e) {
            throw new IllegalArgumentException("sftp.known-hosts = '" + knownHostsFile + "' cannot be read: "
                    + e.getMessage(), e);
        }
        return new HostKeyCheck(List.of(), jsch.getHostKeyRepository(), "sftp.known-hosts " + knownHostsFile);
    }

    @Override
    public int check(String host, byte[] key) {
        String presented = HostKeyFingerprint.of(key);
        if (pins.contains(presented)) {
            return OK;
        }
        if (knownHosts != null && knownHosts.check(host, key) == OK) {
            return OK;
        }
        throw new HostKeyRefusedException(host, presented + " (" + type(host, key) + ")",
                HostKeyFingerprint.join(knownHosts == null ? pins : known(host)), source);
    }

    private List<String> known(String host) {
        HostKey[] keys = knownHosts.getHostKey(host, null);
        return keys == null ? List.of() : Arrays.stream(keys)
                .map(k -> HostKeyFingerprint.of(Base64.getDecoder().decode(k.getKey())) + " (" + k.getType() + ")").toList();
    }

    private static String type(String host, byte[] key) {
        try {
            return new HostKey(host, key).getType();
        } catch (JSchException e) {
            return "unknown key type";
        }
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        // never learns a key: what to trust is the operator's decision, made in the settings
    }

    @Override
    public void remove(String host, String type) {
        // the settings are the source of truth; JSch never needs to remove from them
    }

    @Override
    public void remove(String host, String type, byte[] key) {
        // as above
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return source;
    }

    @Override
    public HostKey[] getHostKey() {
        return knownHosts == null ? new HostKey[0] : knownHosts.getHostKey();
    }

    @Override
    public HostKey[] getHostKey(String host, String type) {
        return knownHosts == null ? new HostKey[0] : knownHosts.getHostKey(host, type);
    }
}
