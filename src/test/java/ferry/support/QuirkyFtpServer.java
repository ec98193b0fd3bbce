package ferry.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.filesystem.nativefs.NativeFileSystemFactory;
import org.apache.ftpserver.ftplet.DataType;
import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.DefaultFtplet;
import org.apache.ftpserver.ftplet.FileSystemView;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpFile;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.FtpletResult;
import org.apache.ftpserver.ftplet.User;
import org.apache.ftpserver.impl.DefaultFtpServer;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.message.MessageResource;
import org.apache.ftpserver.message.MessageResourceFactory;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;

/**
 * A real FTP server (Apache MINA FtpServer on 127.0.0.1, ephemeral port) that behaves like the servers Ferry was not
 * written with, one {@link Quirk} at a time: its listings, replies and refusals go over real sockets.
 */
public final class QuirkyFtpServer implements AutoCloseable {

    /** The ways real servers differ from MINA's and vsftpd's defaults. */
    public enum Quirk {
        /** LIST and NLST include {@code .} and {@code ..} (also for an empty folder) and dot files. */
        DOT_ENTRIES,
        /** 150, 226 and 221 replies span several lines ({@code 226-...} then {@code 226 ...}). */
        MULTI_LINE_REPLIES,
        /** MKD quotes the folder as the client named it ({@code 257 "x" : created}) instead of its absolute path. */
        MKD_QUOTES_RELATIVE,
        /** SIZE is refused with 550 while the session is in ASCII mode (as vsftpd does). */
        SIZE_REFUSED_IN_ASCII,
        /** No SIZE command at all: 502. */
        NO_SIZE,
        /** STOR into a folder that does not exist is answered 553 (not 550). */
        STOR_MISSING_FOLDER_553,
        /** Downloads and uploads at most {@link #SLOW_RATE} bytes a second (MINA's transfer rate limit). */
        SLOW_TRANSFERS,
        /** STOR accepted with 150, then answered 551 "Error on output file": what MINA says when a transfer's output
         * breaks while the bytes move (a server stopping mid-transfer). */
        STOR_BREAKS_AFTER_150,
        /** The first rename of one of Ferry's hidden upload files ({@code .ferry-*.part}) is carried out, and then never
         * answered (until the server stops, or {@link #SILENCE} has passed): a server that went away right after it,
         * or a client killed while it waited for the reply. */
        SILENT_AFTER_RENAME,
        /** A file is taken away (deleted) as soon as a RETR of it completes: another consumer of the folder, or a
         * person, took it between its download and its move. */
        TAKEN_AFTER_RETR
    }

    /** How long a {@link Quirk#SILENT_AFTER_RENAME} rename stays unanswered at most. */
    public static final java.time.Duration SILENCE = java.time.Duration.ofSeconds(90);

    /** Bytes a second with {@link Quirk#SLOW_TRANSFERS}. */
    public static final int SLOW_RATE = 128 * 1024;

    /** A RETR of a path ending in this name drops the connection at once, as a crashing or cut-off server would. */
    public static final String DROP_CONNECTION = "drop-connection";

    public static final String USER = "quirky";

    private final FtpServer server;
    private final Refusals quirks;
    private final Path root;
    private final String password;
    private final int port;

    private QuirkyFtpServer(FtpServer server, Refusals quirks, Path root, String password, int port) {
        this.server = server;
        this.quirks = quirks;
        this.root = root;
        this.password = password;
        this.port = port;
    }

    /** Ferry with only the collect flow, taking the files of {@code remoteDir} on this server into its inbox. */
    public FerryApp collectFrom(Path data, String remoteDir) throws Exception {
        return ferry(data, "collect.camel.yaml", Map.of("collect.enabled", "true", "collect.remote-dir", remoteDir));
    }

    /** Ferry with only the shipped route file {@code routeFile}, its default server being this one. */
    public FerryApp ferry(Path data, String routeFile, Map<String, String> settings) throws Exception {
        Path routes = Files.createDirectories(data.resolve("only-" + routeFile.replace(".camel.yaml", "")));
        Files.copy(Path.of("routes", routeFile), routes.resolve(routeFile));
        Map<String, String> all = new HashMap<>(Map.of("ferry.embedded", "false", "ferry.routes", routes.toString(),
                "ftp.port", String.valueOf(port), "ftp.username", USER, "ftp.password", password));
        all.putAll(settings);
        return FerryApp.start(data, all);
    }

    /** Starts the server on an ephemeral port with user {@link #USER} / {@code password}, home {@code root}. */
    public static QuirkyFtpServer start(Path root, String password, Quirk... quirks) throws Exception {
        return start(root, USER, password, quirks);
    }

    /** As above with another user name. */
    public static QuirkyFtpServer start(Path root, String user, String password, Quirk... quirks) throws Exception {
        Set<Quirk> set = quirks.length == 0 ? EnumSet.noneOf(Quirk.class) : EnumSet.of(quirks[0], quirks);
        Files.createDirectories(root);
        FtpServerFactory factory = new FtpServerFactory();
        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress("127.0.0.1");
        listener.setPort(0);
        DataConnectionConfigurationFactory data = new DataConnectionConfigurationFactory();
        data.setPassiveAddress("127.0.0.1");
        data.setPassiveExternalAddress("127.0.0.1");
        data.setPassivePorts("0");
        listener.setDataConnectionConfiguration(data.createDataConnectionConfiguration());
        factory.addListener("default", listener.createListener());
        var users = new PropertiesUserManagerFactory().createUserManager();
        BaseUser account = new BaseUser();
        account.setName(user);
        account.setPassword(password);
        account.setHomeDirectory(root.toString());
        account.setAuthorities(set.contains(Quirk.SLOW_TRANSFERS)
                ? List.of(new WritePermission(), new org.apache.ftpserver.usermanager.impl.TransferRatePermission(SLOW_RATE, SLOW_RATE))
                : List.of(new WritePermission()));
        users.save(account);
        factory.setUserManager(users);
        if (set.contains(Quirk.DOT_ENTRIES)) {
            NativeFileSystemFactory files = new NativeFileSystemFactory();
            factory.setFileSystem(u -> new DotListingView(files.createFileSystemView(u)));
        }
        factory.setMessageResource(new Replies(new MessageResourceFactory().createMessageResource(), set));
        // MINA changes this map on stop: it must be mutable
        Refusals refusals = new Refusals(set);
        factory.setFtplets(new HashMap<>(Map.of("quirks", refusals)));
        FtpServer server = factory.createServer();
        server.start();
        int port = ((DefaultFtpServer) server).getListener("default").getPort();
        return new QuirkyFtpServer(server, refusals, root, password, port);
    }

    /** The most uploads (STOR) this server has had in progress at the same time. */
    public int mostUploadsAtOnce() {
        return quirks.mostUploads.get();
    }

    /** Uploads (STOR) this server has begun. */
    public int uploadsBegun() {
        return quirks.uploadsBegun.get();
    }

    /** Downloads (RETR) this server has begun. */
    public int downloadsBegun() {
        return quirks.downloadsBegun.get();
    }

    public int port() {
        return port;
    }

    /** The user's home on disk: what the server stores. */
    public Path root() {
        return root;
    }

    public String password() {
        return password;
    }

    /** The server as a test target (home {@code /}). */
    public FtpTarget target(String name) {
        return new FtpTarget(name, port, USER, password, root, "/");
    }

    @Override
    public void close() {
        if (!server.isStopped()) {
            server.stop();
        }
    }

    /** Reply texts: multi-line 150/226/221, MKD quoting the name as given. */
    private record Replies(MessageResource standard, Set<Quirk> quirks) implements MessageResource {
        @Override
        public List<String> getAvailableLanguages() {
            return standard.getAvailableLanguages();
        }

        @Override
        public String getMessage(int code, String subId, String language) {
            String text = standard.getMessage(code, subId, language);
            if (quirks.contains(Quirk.MKD_QUOTES_RELATIVE) && code == 257 && "MKD".equals(subId)) {
                return "\"{request.arg}\" : created";
            }
            if (quirks.contains(Quirk.MULTI_LINE_REPLIES) && (code == 150 || code == 226 || code == 221)) {
                // MINA sends a text with line breaks as a multi-line reply: 226-first, 226 last
                return "Quirky server says:\nthis reply spans lines\n" + text;
            }
            return text;
        }

        @Override
        public Map<String, String> getMessages(String language) {
            return standard.getMessages(language);
        }
    }

    /** Refusals some servers make where MINA would go ahead. */
    private static final class Refusals extends DefaultFtplet {
        private final Set<Quirk> quirks;
        private final java.util.concurrent.atomic.AtomicBoolean silenced = new java.util.concurrent.atomic.AtomicBoolean();
        private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        private final java.util.concurrent.atomic.AtomicInteger uploads = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.atomic.AtomicInteger mostUploads = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.atomic.AtomicInteger uploadsBegun = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.atomic.AtomicInteger downloadsBegun = new java.util.concurrent.atomic.AtomicInteger();

        Refusals(Set<Quirk> quirks) {
            this.quirks = quirks;
        }

        @Override
        public void destroy() {
            stopped.countDown();
        }

        @Override
        public FtpletResult beforeCommand(FtpSession session, FtpRequest request) throws FtpException, IOException {
            String command = request.getCommand().toUpperCase(java.util.Locale.ROOT);
            if ("RETR".equals(command) && request.hasArgument() && request.getArgument().endsWith(DROP_CONNECTION)) {
                return FtpletResult.DISCONNECT;
            }
            if ("RNTO".equals(command) && quirks.contains(Quirk.SILENT_AFTER_RENAME) && session.getRenameFrom() != null
                    && session.getRenameFrom().getName().startsWith(".ferry-") && !silenced.getAndSet(true)) {
                FtpFile to = session.getFileSystemView().getFile(request.getArgument());
                if (!session.getRenameFrom().move(to)) {
                    throw new FtpException("quirk: could not rename " + session.getRenameFrom().getAbsolutePath());
                }
                try {
                    stopped.await(SILENCE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return FtpletResult.DISCONNECT;
            }
            if ("SIZE".equals(command) && quirks.contains(Quirk.NO_SIZE)) {
                session.write(new DefaultFtpReply(502, "SIZE not implemented."));
                return FtpletResult.SKIP;
            }
            if ("SIZE".equals(command) && quirks.contains(Quirk.SIZE_REFUSED_IN_ASCII)
                    && session.getDataType() == DataType.ASCII) {
                session.write(new DefaultFtpReply(550, "SIZE not allowed in ASCII mode."));
                return FtpletResult.SKIP;
            }
            if ("STOR".equals(command) && quirks.contains(Quirk.STOR_BREAKS_AFTER_150)) {
                session.write(new DefaultFtpReply(150, "Opening BINARY mode data connection."));
                session.write(new DefaultFtpReply(551, request.getArgument() + ": Error on output file."));
                return FtpletResult.SKIP;
            }
            if ("STOR".equals(command) && quirks.contains(Quirk.STOR_MISSING_FOLDER_553) && request.hasArgument()) {
                String arg = request.getArgument();
                int slash = arg.lastIndexOf('/');
                String folder = slash < 0 ? "." : slash == 0 ? "/" : arg.substring(0, slash);
                if (!session.getFileSystemView().getFile(folder).doesExist()) {
                    session.write(new DefaultFtpReply(553, "Could not create file."));
                    return FtpletResult.SKIP;
                }
            }
            // DefaultFtplet dispatches to onUploadStart and the like
            return super.beforeCommand(session, request);
        }

        @Override
        public FtpletResult onUploadStart(FtpSession session, FtpRequest request) {
            uploadsBegun.incrementAndGet();
            int now = uploads.incrementAndGet();
            mostUploads.accumulateAndGet(now, Math::max);
            return FtpletResult.DEFAULT;
        }

        @Override
        public FtpletResult onUploadEnd(FtpSession session, FtpRequest request) {
            uploads.decrementAndGet();
            return FtpletResult.DEFAULT;
        }

        @Override
        public FtpletResult onDownloadStart(FtpSession session, FtpRequest request) {
            downloadsBegun.incrementAndGet();
            return FtpletResult.DEFAULT;
        }

        @Override
        public FtpletResult onDownloadEnd(FtpSession session, FtpRequest request) throws FtpException, IOException {
            if (quirks.contains(Quirk.TAKEN_AFTER_RETR) && !session.getFileSystemView().getFile(request.getArgument()).delete()) {
                throw new FtpException("quirk: could not take away " + request.getArgument());
            }
            return FtpletResult.DEFAULT;
        }
    }

    /** The user's files, with every folder listing {@code .} and {@code ..} first and dot files not hidden. */
    private record DotListingView(FileSystemView view) implements FileSystemView {
        @Override
        public FtpFile getHomeDirectory() throws FtpException {
            return new Listed(view.getHomeDirectory(), null, view);
        }

        @Override
        public FtpFile getWorkingDirectory() throws FtpException {
            return new Listed(view.getWorkingDirectory(), null, view);
        }

        @Override
        public boolean changeWorkingDirectory(String dir) throws FtpException {
            return view.changeWorkingDirectory(dir);
        }

        @Override
        public FtpFile getFile(String file) throws FtpException {
            return new Listed(view.getFile(file), null, view);
        }

        @Override
        public boolean isRandomAccessible() throws FtpException {
            return view.isRandomAccessible();
        }

        @Override
        public void dispose() {
            view.dispose();
        }
    }

    /** A file of the view, optionally shown under another name ({@code .}, {@code ..}); never hidden. */
    private record Listed(FtpFile file, String shownAs, FileSystemView view) implements FtpFile {
        @Override
        public List<? extends FtpFile> listFiles() {
            List<? extends FtpFile> inside = file.listFiles();
            if (inside == null) {
                return null;
            }
            List<FtpFile> all = new ArrayList<>();
            all.add(new Listed(file, ".", view));
            try {
                String path = file.getAbsolutePath();
                FtpFile parent = "/".equals(path) ? file : view.getFile(path.substring(0, Math.max(1, path.lastIndexOf('/'))));
                all.add(new Listed(parent, "..", view));
            } catch (FtpException e) {
                throw new IllegalStateException(e);
            }
            inside.forEach(f -> all.add(new Listed(f, null, view)));
            return all;
        }

        @Override
        public String getAbsolutePath() {
            return file.getAbsolutePath();
        }

        @Override
        public String getName() {
            return shownAs == null ? file.getName() : shownAs;
        }

        @Override
        public boolean isHidden() {
            return false;
        }

        @Override
        public boolean isDirectory() {
            return file.isDirectory();
        }

        @Override
        public boolean isFile() {
            return file.isFile();
        }

        @Override
        public boolean doesExist() {
            return file.doesExist();
        }

        @Override
        public boolean isReadable() {
            return file.isReadable();
        }

        @Override
        public boolean isWritable() {
            return file.isWritable();
        }

        @Override
        public boolean isRemovable() {
            return file.isRemovable();
        }

        @Override
        public String getOwnerName() {
            return file.getOwnerName();
        }

        @Override
        public String getGroupName() {
            return file.getGroupName();
        }

        @Override
        public int getLinkCount() {
            return file.getLinkCount();
        }

        @Override
        public long getLastModified() {
            return file.getLastModified();
        }

        @Override
        public boolean setLastModified(long time) {
            return file.setLastModified(time);
        }

        @Override
        public long getSize() {
            return file.getSize();
        }

        @Override
        public Object getPhysicalFile() {
            return file.getPhysicalFile();
        }

        @Override
        public boolean mkdir() {
            return file.mkdir();
        }

        @Override
        public boolean delete() {
            return file.delete();
        }

        @Override
        public boolean move(FtpFile destination) {
            return file.move(destination instanceof Listed l ? l.file() : destination);
        }

        @Override
        public OutputStream createOutputStream(long offset) throws IOException {
            return file.createOutputStream(offset);
        }

        @Override
        public InputStream createInputStream(long offset) throws IOException {
            return file.createInputStream(offset);
        }
    }
}
