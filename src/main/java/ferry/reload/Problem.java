package ferry.reload;

import java.nio.file.Path;

/** Why a route file was refused: the file, where in it when known (1-based, 0 = unknown), and the reason. */
public record Problem(Path file, int line, int column, String reason) {

    /** One line for logs and the validate command: {@code routes/x.camel.yaml (line 4, column 7): reason}. */
    @Override
    public String toString() {
        String where = line <= 0 ? "" : column <= 0 ? " (line " + line + ")" : " (line " + line + ", column " + column + ")";
        return file + where + ": " + reason;
    }
}
