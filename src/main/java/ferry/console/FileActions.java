package ferry.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ferry.ftplib.FtpLibProducer;
import ferry.ledger.Journal;
import ferry.ledger.Ledger;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

/**
 * What the Retry and Discard buttons (and the command line) do to a failed file. Retry puts the kept copy back
 * where it came from and tells the ledger to take it at once as a new attempt; Discard deletes the kept copy and
 * its report and forgets the file. A local file is kept in {@code <ferry.data>/failed/}, a remote one in
 * {@code .failed/} beside it on its server (moved there with the flow's own ftplib steps).
 */
final class FileActions {

    /** What an action did, or why not. */
    record Outcome(boolean ok, String message) {
    }

    // protocol://host:port/path as RemoteFolder writes a remote file's ledger source
    private static final Pattern REMOTE = Pattern.compile("^(ftp|ftps|sftp)://([^/:]+):(\\d+)(.*)$");

    private final CamelContext context;
    private final Ledger ledger;

    FileActions(CamelContext context, Ledger ledger) {
        this.context = context;
        this.ledger = ledger;
    }

    Outcome retry(String id) throws SQLException {
        Ledger.FileRow file = ledger.file(id).orElse(null);
        Outcome refused = refusal(id, file, "retried");
        if (refused != null) {
            return refused;
        }
        Matcher remote = REMOTE.matcher(file.source());
        try {
            // the ledger first: once the file is back, the next poll must take it, not wait out its failure
            ledger.retryNow(file.id());
            // journaled before the file is back: a watched outbox takes it within milliseconds, and its journey
            // must read retried, then claimed
            if (remote.matches()) {
                String path = remote.group(4);
                retried(file);
                rename(remote, failedCopy(path), path);
            } else {
                Path kept = localFailed().resolve(file.name());
                if (!Files.exists(kept)) {
                    return new Outcome(false, "the failed copy of " + file.name() + " is not at " + kept
                            + " any more: nothing to put back");
                }
                retried(file);
                Path source = Path.of(file.source());
                Files.createDirectories(source.getParent());
                // same file system: a rename keeps the modification time, so the ledger knows the file again
                Files.move(kept, source);
                Files.deleteIfExists(localFailed().resolve(file.name() + ".error"));
            }
        } catch (IOException | RuntimeException e) {
            return new Outcome(false, "could not put " + file.name() + " back: " + e.getMessage());
        }
        return new Outcome(true, file.name() + " put back to " + file.source() + ", taken at the next poll");
    }

    Outcome discard(String id) throws SQLException {
        Ledger.FileRow file = ledger.file(id).orElse(null);
        Outcome refused = refusal(id, file, "discarded");
        if (refused != null) {
            return refused;
        }
        Matcher remote = REMOTE.matcher(file.source());
        try {
            if (remote.matches()) {
                send(remote, "delete", failedCopy(remote.group(4)), null);
            } else {
                Files.deleteIfExists(localFailed().resolve(file.name()));
                Files.deleteIfExists(localFailed().resolve(file.name() + ".error"));
            }
        } catch (IOException | RuntimeException e) {
            return new Outcome(false, "could not delete the failed copy of " + file.name() + ": " + e.getMessage());
        }
        ledger.discard(file.id());
        ledger.journal().record(file.id(), file.flow(), file.name(), Journal.Event.DISCARDED, "deleted by an operator", -1, -1);
        return new Outcome(true, file.name() + " discarded");
    }

    private void retried(Ledger.FileRow file) throws SQLException {
        ledger.journal().record(file.id(), file.flow(), file.name(), Journal.Event.RETRIED, "put back to " + file.source(), -1, -1);
    }

    /** Why the file cannot be retried or discarded (unknown, or not failed), or null when it can. */
    private static Outcome refusal(String id, Ledger.FileRow file, String done) {
        if (file == null) {
            return new Outcome(false, "no file with id " + id + " in the ledger (an id, or its first 6 or more characters)");
        }
        if (file.state() != Ledger.State.FAILED) {
            return new Outcome(false, file.name() + " is " + file.state().name().toLowerCase() + ", not failed: only a "
                    + "failed file can be " + done);
        }
        return null;
    }

    /** Retries every failed file (of one flow, or all when {@code flow} is null). */
    List<Outcome> retryFailed(String flow) throws SQLException {
        List<Outcome> out = new ArrayList<>();
        for (Ledger.FileRow f : ledger.files(Ledger.State.FAILED, flow, null, 10_000)) {
            out.add(retry(f.id()));
        }
        return out;
    }

    private Path localFailed() {
        // where FailureReport and the consumers' moveFailed keep a local file
        return Path.of(context.resolvePropertyPlaceholders("{{ferry.data}}"), "failed").toAbsolutePath().normalize();
    }

    private static String failedCopy(String path) {
        int slash = path.lastIndexOf('/');
        return path.substring(0, slash + 1) + ".failed/" + path.substring(slash + 1);
    }

    private void rename(Matcher remote, String from, String to) {
        send(remote, "rename", from, to);
    }

    private void send(Matcher remote, String operation, String path, String renameTo) {
        String uri = "ftplib:" + operation + "?protocol=" + ("sftp".equals(remote.group(1)) ? "sftp" : "ftp")
                + "&host=" + remote.group(2) + "&port=" + remote.group(3);
        java.util.Map<String, Object> headers = new java.util.HashMap<>();
        headers.put(FtpLibProducer.PATH, path);
        if (renameTo != null) {
            headers.put(FtpLibProducer.RENAME_TO, renameTo);
        }
        try (ProducerTemplate template = context.createProducerTemplate()) {
            template.requestBodyAndHeaders(uri, null, headers);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
