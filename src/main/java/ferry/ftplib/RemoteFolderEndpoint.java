package ferry.ftplib;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.ScheduledPollEndpoint;

/**
 * A watched remote folder (FTP, FTPS or SFTP) on Ferry's own kept ftplib sessions: the consumer lists it once per
 * poll, claims a batch, hands each file to the route on one of {@code workers} threads and moves it to
 * {@code .done/} or {@code .failed/} when the route is through. camel-ftp's consumer would take one file at a time
 * and list the whole folder for every few files. Camel's poll options (delay, greedy, backoff, pollStrategy)
 * apply as on any polling endpoint.
 */
public class RemoteFolderEndpoint extends ScheduledPollEndpoint {

    private final FtpSettings settings;
    private final String folder;
    private final RemoteClaims claims;
    private int maxFilesPerPoll = 10;
    private int workers = 4;
    private java.util.function.Predicate<String> names = name -> true;
    private String done = ".done";
    private String failed = ".failed";
    private java.util.function.BiConsumer<org.apache.camel.Exchange, String> onMoved = (exchange, path) -> { };

    /** {@code uri} names the folder as a client would ({@code ftp://host:port/incoming}); it carries no secret. */
    public RemoteFolderEndpoint(String uri, FtpLibComponent component, FtpSettings settings, String folder,
                                RemoteClaims claims) {
        super(uri, component);
        this.settings = settings;
        // as the server names it, as the ftplib steps do: "/srv/in" is absolute, "in" is under the login folder
        this.folder = folder.length() > 1 ? folder.replaceFirst("/+$", "") : folder;
        this.claims = claims;
    }

    /** A folder as a URL's path shows it: {@code /incoming} for "/incoming" and for "incoming" alike (logs, pages). */
    public static String urlPath(String folder) {
        return folder == null || folder.isEmpty() ? "" : folder.startsWith("/") ? folder : "/" + folder;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException(getEndpointUri() + " is a watched folder (from); upload with ftplib:storbinary");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        RemoteFolderConsumer consumer = new RemoteFolderConsumer(this, processor);
        configureConsumer(consumer);
        // Camel hands a scheduler object to the consumer only when it came through the URI's options; this endpoint
        // is built in code (see RemoteFolder)
        if (getScheduler() instanceof org.apache.camel.spi.ScheduledPollConsumerScheduler scheduler) {
            consumer.setScheduler(scheduler);
        }
        return consumer;
    }

    @Override
    public FtpLibComponent getComponent() {
        return (FtpLibComponent) super.getComponent();
    }

    public FtpSettings getSettings() {
        return settings;
    }

    /** The folder as the server names it: absolute, or under the login folder. */
    public String getFolder() {
        return folder;
    }

    public RemoteClaims getClaims() {
        return claims;
    }

    public int getMaxFilesPerPoll() {
        return maxFilesPerPoll;
    }

    /** Files claimed per poll at most, so several instances watching the folder each get a share. */
    public void setMaxFilesPerPoll(int maxFilesPerPoll) {
        this.maxFilesPerPoll = Math.max(1, maxFilesPerPoll);
    }

    public java.util.function.Predicate<String> getNames() {
        return names;
    }

    /** Which names of a listing the flow takes (its include/exclude); the others stay untouched. */
    public void setNames(java.util.function.Predicate<String> names) {
        this.names = names;
    }

    public String getDone() {
        return done;
    }

    /** Where a delivered file goes, relative to the folder. */
    public void setDone(String done) {
        this.done = done;
    }

    /** Told of each delivered file once it is in {@code done} (the exchange, and the path it has there). */
    public java.util.function.BiConsumer<org.apache.camel.Exchange, String> getOnMoved() {
        return onMoved;
    }

    public void setOnMoved(java.util.function.BiConsumer<org.apache.camel.Exchange, String> onMoved) {
        this.onMoved = onMoved;
    }

    public String getFailed() {
        return failed;
    }

    /** Where a file the route gave up on goes, relative to the folder. */
    public void setFailed(String failed) {
        this.failed = failed;
    }

    public int getWorkers() {
        return workers;
    }

    /** Files of a batch worked on at the same time, each on a kept session of its own. */
    public void setWorkers(int workers) {
        this.workers = Math.max(1, workers);
    }
}
