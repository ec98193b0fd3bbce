package ferry.reload;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.FailedToStartRouteException;
import org.apache.camel.util.URISupport;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/**
 * Turns the exception Camel throws for a broken route file into one readable line: the innermost
 * message (secrets in URIs masked), the route it concerns, and the line and column where known:
 * from the YAML parser's mark, else from where the offending id, placeholder or option appears in the file.
 */
public final class ProblemReason {

    private static final Pattern PLACEHOLDER = Pattern.compile("Property with key \\[([^]]+)]");
    private static final Pattern UNKNOWN_OPTIONS = Pattern.compile("Unknown parameters=\\[\\{([^=}]+)=");
    private static final Pattern UNKNOWN_PARAMETER = Pattern.compile("unknown parameter '([^']+)'");
    private static final Pattern DUPLICATE = Pattern.compile("route (\\S+) is already defined");
    private static final Pattern SERVER = Pattern.compile("server '([^']+)'");
    private static final Pattern NO_ENDPOINT = Pattern.compile("No endpoint could be found for: ([^,]+?)(, |$)");

    private ProblemReason() {
    }

    /** A route id the file shares with a route defined elsewhere ({@code owner}). */
    public static Problem duplicate(CheckedFile file, String routeId, String owner) {
        return of(file.file(), file.content(), new IllegalArgumentException(
                "duplicate route id: route " + routeId + " is already defined in " + owner));
    }

    static Problem of(Path file, byte[] content, Throwable error) {
        String text = new String(content, StandardCharsets.UTF_8);
        String routeId = null;
        MarkedYamlEngineException marked = null;
        Throwable root = error;
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (routeId == null && t instanceof FailedToCreateRouteException f) {
                routeId = f.getRouteId();
            }
            if (routeId == null && t instanceof FailedToStartRouteException f) {
                routeId = f.getRouteId();
            }
            if (marked == null && t instanceof MarkedYamlEngineException m) {
                marked = m;
            }
            root = t;
            if (t.getCause() == t) {
                break;
            }
        }
        String reason = firstLine(marked != null ? yamlMessage(marked) : root.getMessage());
        if (routeId != null) {
            reason = "route " + routeId + ": " + reason;
        }
        reason = URISupport.sanitizeUri(reason);
        if (marked != null && marked.getProblemMark().isPresent()) {
            Mark mark = marked.getProblemMark().get();
            return new Problem(file, mark.getLine() + 1, mark.getColumn() + 1, reason);
        }
        return new Problem(file, lineOf(text, clues(root.getMessage(), routeId)), 0, reason);
    }

    private static String yamlMessage(MarkedYamlEngineException e) {
        String problem = e.getProblem();
        String context = e.getContext();
        if (problem == null || problem.isBlank()) {
            return e.getMessage();
        }
        return context == null || context.isBlank() ? problem : context + ": " + problem;
    }

    /** Words to look for in the file, most precise first. */
    private static List<String> clues(String message, String routeId) {
        List<String> clues = new ArrayList<>();
        String m = message == null ? "" : message;
        for (Pattern p : List.of(PLACEHOLDER, UNKNOWN_OPTIONS, UNKNOWN_PARAMETER, DUPLICATE, NO_ENDPOINT)) {
            Matcher matcher = p.matcher(m);
            if (matcher.find()) {
                clues.add(matcher.group(1).trim());
            }
        }
        Matcher server = SERVER.matcher(m);
        if (server.find()) {
            // the parameter naming the server, not a route id that merely starts with its name
            clues.add("value: " + server.group(1) + "\n");
            clues.add("value: \"" + server.group(1) + "\"");
        }
        if (routeId != null) {
            clues.add(routeId);
        }
        return clues;
    }

    private static int lineOf(String text, List<String> clues) {
        String[] lines = text.split("\\R", -1);
        for (String clue : clues) {
            for (int i = 0; i < lines.length; i++) {
                if ((lines[i] + "\n").contains(clue)) {
                    return i + 1;
                }
            }
        }
        return 0;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        return message.strip().split("\\R", 2)[0];
    }
}
