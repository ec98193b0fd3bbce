package ferry.ssh;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * OpenSSH's fingerprint of a host key, as {@code ssh-keygen -lf} and {@code ssh -v} print it:
 * {@code SHA256:} and the unpadded base64 of the SHA-256 of the key's wire form.
 */
public final class HostKeyFingerprint {

    private static final String PREFIX = "SHA256:";

    private HostKeyFingerprint() {
    }

    /** The fingerprint of a key in SSH wire form (the base64 part of a known_hosts line, decoded). */
    public static String of(byte[] keyBlob) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(keyBlob);
            return PREFIX + Base64.getEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * Reads {@code sftp.host-key-fingerprint}: one fingerprint, or several separated by commas (a server's old and
     * new key while it is being replaced); blank gives none. Fails naming the setting and the wrong value.
     */
    public static List<String> parseAll(String setting, String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty())
                .map(v -> parse(setting, v)).toList();
    }

    private static String parse(String setting, String value) {
        if (!value.startsWith(PREFIX)) {
            throw new IllegalArgumentException(setting + " = '" + value + "' is not an OpenSSH SHA256 fingerprint: "
                    + "it must start with SHA256: (ssh-keygen -lf known_hosts prints it; MD5 fingerprints are not accepted)");
        }
        String base64 = value.substring(PREFIX.length());
        // ssh-keygen prints no '=' padding; accept a copy that has it
        while (base64.endsWith("=")) {
            base64 = base64.substring(0, base64.length() - 1);
        }
        byte[] hash;
        try {
            // Java's decoder needs no padding
            hash = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            hash = new byte[0];
        }
        if (hash.length != 32) {
            throw new IllegalArgumentException(setting + " = '" + value + "' is not an OpenSSH SHA256 fingerprint: "
                    + "after SHA256: it needs the 43 base64 characters of a SHA-256 hash");
        }
        return PREFIX + base64;
    }

    /** For messages: a fingerprint list as one string. */
    static String join(List<String> fingerprints) {
        return fingerprints.isEmpty() ? "none" : String.join(" or ", fingerprints);
    }
}
