package ferry.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

/**
 * The throwaway system account the vsftpd tests log in with: one per test JVM ({@code ferrytest-<pid>}), its
 * password generated for the run, removed when the JVM ends; an account left by a JVM that died (kill -9) is
 * removed by the next run that needs one.
 */
final class VsftpdAccount {

    static final String PREFIX = "ferrytest-";
    static final String NAME = PREFIX + ProcessHandle.current().pid();
    static final String PASSWORD = generatePassword();
    /** The fixed-password account older versions of this class created and never removed. */
    private static final String LEGACY = "ferrytest";
    private static final Path HOME = Path.of("/var/lib/ferry-vsftpd-home");

    private static boolean created;

    private VsftpdAccount() {
    }

    /** Creates the account once per JVM, after removing stale ones, and has the JVM remove it on exit. */
    static synchronized void ensure() throws Exception {
        if (created) {
            return;
        }
        removeStale();
        // vsftpd enters the user's home before local_root, so it must exist; each run's files go to local_root
        Files.createDirectories(HOME);
        if (exists(NAME)) {
            run("usermod", "--home", HOME.toString(), NAME);
        } else {
            run("useradd", "--home-dir", HOME.toString(), "--shell", "/bin/sh", NAME);
        }
        Process p = new ProcessBuilder("chpasswd").start();
        p.getOutputStream().write((NAME + ":" + PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        if (p.waitFor() != 0) {
            throw new IOException("chpasswd failed for " + NAME);
        }
        created = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> remove(NAME), "remove " + NAME));
    }

    /** Accounts of test JVMs that are gone, and the old fixed-password one unless a vsftpd may be using it. */
    static void removeStale() throws IOException {
        for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
            String user = line.substring(0, Math.max(0, line.indexOf(':')));
            if (user.startsWith(PREFIX) && !user.equals(NAME) && !isRunning(user.substring(PREFIX.length()))) {
                remove(user);
            }
            if (user.equals(LEGACY) && !vsftpdRunning()) {
                remove(user);
            }
        }
    }

    private static boolean isRunning(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            // not one of ours (a name that only looks like it): leave it alone
            return true;
        }
    }

    private static boolean vsftpdRunning() {
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().command().map(c -> c.endsWith("/vsftpd")).orElse(false));
    }

    static boolean exists(String user) throws Exception {
        return new ProcessBuilder("id", user).start().waitFor() == 0;
    }

    private static void remove(String user) {
        try {
            run("userdel", user);
        } catch (Exception e) {
            // at JVM exit nobody is left to tell but the console; the next run removes it as stale
            System.err.println("could not remove the vsftpd test account " + user + ": " + e.getMessage());
        }
    }

    private static String generatePassword() {
        String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }

    static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    static List<String> accounts() throws IOException {
        return Files.readAllLines(Path.of("/etc/passwd")).stream().map(l -> l.substring(0, Math.max(0, l.indexOf(':'))))
                .filter(u -> u.startsWith(PREFIX) || u.equals(LEGACY)).toList();
    }
}
