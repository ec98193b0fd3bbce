package ferry.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.ftpserver.ConnectionConfigFactory;
import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.Authority;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.ssl.SslConfigurationFactory;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo FTP server (Apache MINA FtpServer) on 127.0.0.1: a read-write account whose home is
 * {@code <data>/ftp}, and a read-only anonymous login whose home {@code <data>/ftp-anonymous} serves
 * {@code pub/sample.txt} for the fetch workflow.
 */
public class EmbeddedFtpServer {

    public static final String HOST = "127.0.0.1";
    public static final String SAMPLE = "pub/sample.txt";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedFtpServer.class);

    private final Path root;
    private final Path anonymousRoot;
    private final FtpServer server;
    private final ListenerFactory listenerFactory = new ListenerFactory();
    private final UserManager users;
    private int port;

    public EmbeddedFtpServer(Path data, String username, String password, int port, String passivePorts) {
        this(data, username, password, port, passivePorts, 0);
    }

    /** As above, with at most {@code maxLogins} sessions at once (0: MINA's default). */
    public EmbeddedFtpServer(Path data, String username, String password, int port, String passivePorts, int maxLogins) {
        this(data, username, password, port, passivePorts, maxLogins, null);
    }

    /** As above; with {@code tls} the server offers explicit FTPS (AUTH TLS) with that certificate. */
    public EmbeddedFtpServer(Path data, String username, String password, int port, String passivePorts, int maxLogins,
                             DemoCertificate tls) {
        this.root = data.resolve("ftp");
        this.anonymousRoot = data.resolve("ftp-anonymous");
        prepareFolders();

        DataConnectionConfigurationFactory dataConnections = new DataConnectionConfigurationFactory();
        dataConnections.setPassivePorts(passivePorts);
        dataConnections.setPassiveAddress(HOST);
        dataConnections.setPassiveExternalAddress(HOST);
        dataConnections.setActiveLocalAddress(HOST);
        listenerFactory.setServerAddress(HOST);
        listenerFactory.setPort(port);
        if (tls != null) {
            SslConfigurationFactory ssl = new SslConfigurationFactory();
            ssl.setKeystoreFile(tls.keyStore().toFile());
            ssl.setKeystorePassword(tls.password());
            ssl.setKeystoreType("PKCS12");
            ssl.setSslProtocol("TLSv1.3", "TLSv1.2");
            // one configuration (the key store read once) for the control and the data connections
            org.apache.ftpserver.ssl.SslConfiguration config = ssl.createSslConfiguration();
            listenerFactory.setSslConfiguration(config);
            dataConnections.setSslConfiguration(config);
            listenerFactory.setImplicitSsl(false);
        }
        listenerFactory.setDataConnectionConfiguration(dataConnections.createDataConnectionConfiguration());

        FtpServerFactory factory = new FtpServerFactory();
        factory.addListener("default", listenerFactory.createListener());
        this.users = users(username, password);
        factory.setUserManager(users);
        // MINA changes this map on stop: it must be mutable
        factory.setFtplets(new java.util.HashMap<>(java.util.Map.of("commandLog", new CommandLog())));
        if (maxLogins > 0) {
            ConnectionConfigFactory limits = new ConnectionConfigFactory();
            limits.setMaxLogins(maxLogins);
            limits.setAnonymousLoginEnabled(true);
            factory.setConnectionConfig(limits.createConnectionConfig());
        }
        this.server = factory.createServer();
    }

    public void start() {
        try {
            server.start();
        } catch (FtpException e) {
            throw new IllegalStateException("embedded FTP server could not listen on " + HOST + ":"
                    + listenerFactory.getPort() + ": " + e.getMessage(), e);
        }
        // the listener reports the port it really bound, which matters when 0 was asked for
        port = ((org.apache.ftpserver.impl.DefaultFtpServer) server).getListener("default").getPort();
        LOG.info("Embedded FTP server on {}:{} (root {})", HOST, port, root);
    }

    public void stop() {
        if (!server.isStopped()) {
            server.stop();
        }
    }

    public int getPort() {
        return port;
    }

    /** The folder the read-write account sees as {@code /}. */
    public Path getRoot() {
        return root;
    }

    public FtpServer server() {
        return server;
    }

    /** The server's accounts, for adding one with other rights or limits. */
    public UserManager users() {
        return users;
    }

    private void prepareFolders() {
        try {
            Files.createDirectories(root);
            Path sample = anonymousRoot.resolve(SAMPLE);
            Files.createDirectories(sample.getParent());
            if (Files.notExists(sample)) {
                try (InputStream in = EmbeddedFtpServer.class.getResourceAsStream("sample.txt")) {
                    Files.copy(in, sample);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded FTP server's folders under " + root, e);
        }
    }

    private UserManager users(String username, String password) {
        UserManager users = new PropertiesUserManagerFactory().createUserManager();
        try {
            users.save(user(username, password, root, List.of(new WritePermission())));
            users.save(user("anonymous", null, anonymousRoot, List.of()));
        } catch (FtpException e) {
            throw new IllegalStateException("cannot set up the embedded FTP server's accounts: " + e.getMessage(), e);
        }
        return users;
    }

    private static BaseUser user(String name, String password, Path home, List<Authority> authorities) {
        BaseUser user = new BaseUser();
        user.setName(name);
        user.setPassword(password);
        user.setHomeDirectory(home.toString());
        user.setAuthorities(authorities);
        return user;
    }
}
