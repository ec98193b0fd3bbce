package ferry.support;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The vsftpd tests' login account: a password made per run, gone when the JVM ends, also after kill -9. */
class VsftpdAccountTest {

    @Test
    void should_log_in_with_the_generated_password_only() throws Exception {
        try (Vsftpd vsftpd = Vsftpd.start()) {
            assertNotEquals("ferry-test-pw", Vsftpd.PASSWORD, "the published password");
            assertTrue(Vsftpd.PASSWORD.length() >= 20, Vsftpd.PASSWORD);
            assertTrue(login(vsftpd.port(), Vsftpd.PASSWORD), "login with the generated password refused");
            assertFalse(login(vsftpd.port(), "ferry-test-pw"), "login with the published password accepted");
        }
    }

    @Test
    void should_remove_the_account_when_the_jvm_ends() throws Exception {
        Process child = child("exit");
        String account = firstLine(child);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM did not end");
        assertTrue(account.startsWith(VsftpdAccount.PREFIX), account);
        assertFalse(VsftpdAccount.accounts().contains(account), account + " left after its JVM ended");
    }

    @Test
    void should_remove_the_account_of_a_killed_jvm_at_the_next_start() throws Exception {
        Process child = child("wait");
        String account = firstLine(child);
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        // kill -9: no shutdown hook ran, the account is still there
        assertTrue(VsftpdAccount.accounts().contains(account), VsftpdAccount.accounts().toString());

        VsftpdAccount.removeStale();
        assertFalse(VsftpdAccount.accounts().contains(account), account + " of a dead JVM not removed");
        assertEquals(List.of(), VsftpdAccount.accounts().stream()
                .filter(a -> a.startsWith(VsftpdAccount.PREFIX) && !isAlive(a)).toList());
    }

    private static boolean isAlive(String account) {
        String pid = account.substring(VsftpdAccount.PREFIX.length());
        return !pid.isEmpty() && pid.chars().allMatch(Character::isDigit)
                && ProcessHandle.of(Long.parseLong(pid)).isPresent();
    }

    private static boolean login(int port, String password) throws Exception {
        FTPClient ftp = new FTPClient();
        ftp.setConnectTimeout(5000);
        ftp.connect("127.0.0.1", port);
        try {
            return ftp.login(Vsftpd.USER, password);
        } finally {
            ftp.disconnect();
        }
    }

    /** A JVM of its own (same class path) that creates its account, prints its name and then exits or waits. */
    private static Process child(String mode) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Child.class.getName(), mode)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static String firstLine(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertTrue(line != null && !line.isBlank(), "the child JVM printed no account name");
        return line.strip();
    }

    /** The child JVM. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            VsftpdAccount.ensure();
            System.out.println(VsftpdAccount.NAME);
            System.out.flush();
            if ("wait".equals(args[0])) {
                // until the test kills it
                new java.util.concurrent.CountDownLatch(1).await(2, TimeUnit.MINUTES);
            }
        }
    }
}
