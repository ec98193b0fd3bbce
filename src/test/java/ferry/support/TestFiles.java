package ferry.support;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;

/** Test content: random bytes and text with bare LFs, the two kinds a transfer must not alter. */
public final class TestFiles {

    private TestFiles() {
    }

    public static byte[] randomBytes(int size) {
        byte[] b = new byte[size];
        new Random(size * 31L + 7).nextBytes(b);
        return b;
    }

    public static byte[] textWithLf(int lines) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            sb.append("line ").append(i).append(" of a Unix text file, ends with LF only\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static String uniqueName(String suffix) {
        return "t-" + UUID.randomUUID().toString().substring(0, 8) + suffix;
    }
}
