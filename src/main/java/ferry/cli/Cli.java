package ferry.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Ferry's command line: the commands that read or act on a Ferry (status, files, retry, discard, help). Running
 * Ferry itself and validate stay with the boot class; {@link #command} tells which one was asked for.
 */
public final class Cli {

    private static final Set<String> COMMANDS = Set.of("status", "files", "retry", "discard", "help");

    private Cli() {
    }

    /** The home folder: {@code --home DIR}, else FERRY_HOME, else null (the working directory). */
    public static Path home(List<String> args) {
        int at = args.indexOf("--home");
        String home = at >= 0 && at + 1 < args.size() ? args.get(at + 1) : System.getenv("FERRY_HOME");
        return home == null || home.isBlank() ? null : Path.of(home).toAbsolutePath().normalize();
    }

    /** The arguments without {@code --home DIR}. */
    public static List<String> withoutHome(List<String> args) {
        List<String> rest = new ArrayList<>(args);
        int at = rest.indexOf("--home");
        if (at >= 0) {
            rest.remove(at);
            if (at < rest.size()) {
                rest.remove(at);
            }
        }
        return rest;
    }

    /** "run", "validate", one of the commands, or null for an unknown one. */
    public static String command(List<String> args) {
        if (args.isEmpty() || args.get(0).startsWith("-") && !isHelp(args.get(0))) {
            // Camel Main's own options (-duration ...) start Ferry as before
            return "run";
        }
        String first = isHelp(args.get(0)) ? "help" : args.get(0);
        return "run".equals(first) || "validate".equals(first) || COMMANDS.contains(first) ? first : null;
    }

    /** Runs a command of this class (see {@link #command}) and returns its exit code. */
    public static int run(List<String> args, Path home, PrintStream out, PrintStream err) {
        String command = command(args);
        if (command == null) {
            err.println("ferry: unknown command '" + args.get(0) + "'");
            Usage.print(err);
            return Usage.USAGE;
        }
        if ("help".equals(command)) {
            Usage.print(out);
            return Usage.OK;
        }
        List<String> rest = args.subList(1, args.size());
        try {
            Settings settings = new Settings(home == null ? Path.of("").toAbsolutePath() : home);
            return switch (command) {
                case "status" -> rest.isEmpty() ? StatusCommand.run(settings, out) : usage(err, "status takes no argument");
                case "files" -> FilesCommand.run(settings, rest, out, err);
                default -> ActionCommand.run(command, settings, rest, out, err);
            };
        } catch (Exception e) {
            err.println("ferry " + command + ": " + e.getMessage());
            return Usage.FAILED;
        }
    }

    private static int usage(PrintStream err, String message) {
        err.println("ferry: " + message);
        return Usage.USAGE;
    }

    private static boolean isHelp(String arg) {
        return "--help".equals(arg) || "-h".equals(arg) || "help".equals(arg);
    }
}
