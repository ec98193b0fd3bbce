package ferry;

import java.util.Arrays;

/** Boot class: runs Ferry (or {@code validate}) and turns a failure into a non-zero exit. */
public final class Ferry {

    private Ferry() {
    }

    public static void main(String[] args) {
        // exit explicitly: the embedded servers' threads would keep a failed JVM alive
        if (args.length > 0 && "validate".equals(args[0])) {
            System.exit(Validate.run(Arrays.asList(args).subList(1, args.length), System.out));
        }
        System.exit(FerryMain.runAndReport(args));
    }
}
