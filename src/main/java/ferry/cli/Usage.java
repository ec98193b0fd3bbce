package ferry.cli;

import java.io.PrintStream;

/** Ferry's own usage text and exit codes. */
public final class Usage {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private Usage() {
    }

    public static void print(PrintStream out) {
        out.println("""
                Usage: java -jar target/ferry.jar [--home DIR] [COMMAND] [OPTIONS]   (or bin/ferry ...)

                Commands:
                  run                      start Ferry (the default when no command is given)
                  status                   flows, counts in flight, waiting and failed, reload state
                  files [--failed|--waiting|--delivered] [--flow NAME] [PATTERN]
                                           one line per file; PATTERN: part of the name, or * and ? wildcards
                  retry NAME|ID            put a failed file back where it came from, taken at once
                  retry --failed [--flow NAME]
                                           retry every failed file (of one flow)
                  discard NAME|ID          delete a failed file and its report; the ledger forgets it
                  validate [FILE...]       check route files without starting Ferry
                  help                     this text

                Options:
                  --home DIR               where config/, routes/ and data/ are (also FERRY_HOME); default: here
                  -Dkey=value              any setting (java -Dkey=value -jar ...), or its environment variable

                status, files, retry and discard talk to the running Ferry through its console API
                (camel.management.host/port, token ferry.console.token or FERRY_CONSOLE_TOKEN). With none
                running, status and files read the ledger read-only and say so.

                Exit codes: 0 ok; 1 something failed, is unhealthy or Ferry is not running; 2 usage error.
                Documentation: docs/console.md""");
    }
}
