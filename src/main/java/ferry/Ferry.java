package ferry;

/** Boot class: runs Ferry and turns a startup failure into a non-zero exit. */
public final class Ferry {

    private Ferry() {
    }

    public static void main(String[] args) {
        // exit explicitly: the embedded servers' threads would keep a failed JVM alive
        System.exit(FerryMain.runAndReport(args));
    }
}
