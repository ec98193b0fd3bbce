package ferry;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import ferry.cli.Cli;

/** Boot class: runs Ferry, {@code validate} or a command of the command line, and exits with its code. */
public final class Ferry {

    private Ferry() {
    }

    public static void main(String[] args) {
        List<String> all = Arrays.asList(args);
        Path home = Cli.home(all);
        List<String> rest = Cli.withoutHome(all);
        String command = Cli.command(rest);
        // exit explicitly: the embedded servers' threads would keep a failed JVM alive
        if ("validate".equals(command)) {
            System.exit(Validate.run(rest.subList(1, rest.size()), home, System.out));
        }
        if ("run".equals(command)) {
            System.exit(FerryMain.runAndReport(home, rest.isEmpty() || !"run".equals(rest.get(0)) ? rest : rest.subList(1, rest.size())));
        }
        System.exit(Cli.run(rest, home, System.out, System.err));
    }
}
