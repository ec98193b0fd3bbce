package ferry;

import ferry.config.SettingsCheck;
import ferry.embedded.EmbeddedServers;
import ferry.ledger.LedgerService;
import ferry.observe.Observability;
import ferry.reload.ReloadState;
import ferry.reload.RouteReloader;
import ferry.routes.PollFaultStrategy;
import ferry.routes.PollFaults;
import ferry.routes.StartupBanner;
import ferry.routes.RouteTemplates;
import ferry.servers.DefaultPasswordFiles;
import ferry.servers.FlowServers;
import ferry.ssh.CheckedSftpComponent;

import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Assembles Camel Main the same way for the application and for the tests. */
public final class FerryMain {

    public static final String CONFIG_LOCATION = "file:config/application.properties";

    private static final Logger LOG = LoggerFactory.getLogger(FerryMain.class);

    private FerryMain() {
    }

    /** A Main reading config/ and routes/ from the working directory, with Ferry's templates and listeners. */
    public static Main create() {
        return create(null);
    }

    /** A Main reading config/, routes/ and data/ under {@code home} (--home, FERRY_HOME; null: the working directory). */
    public static Main create(java.nio.file.Path home) {
        Main main = new Main();
        if (home == null) {
            main.setDefaultPropertyPlaceholderLocation(CONFIG_LOCATION);
        } else {
            main.setDefaultPropertyPlaceholderLocation("file:" + home.resolve("config").resolve("application.properties"));
            // ferry.data and ferry.routes are folders under {{ferry.home}} (config/application.properties)
            main.addOverrideProperty("ferry.home", home.toString());
        }
        // sftp: endpoints that can check a pinned host key fingerprint (camel-ftp's own cannot)
        main.bind(CheckedSftpComponent.NAME, new CheckedSftpComponent());
        // failed polls of a remote folder: health, one log line per change, backoff (set per endpoint, see RemoteFolder)
        PollFaults pollFaults = new PollFaults();
        main.bind(PollFaults.BEAN, pollFaults);
        main.bind(PollFaultStrategy.BEAN, new PollFaultStrategy(pollFaults));
        // ftp.password-file / smtp.password-file, before anything reads ftp.password or smtp.password
        main.addMainListener(new DefaultPasswordFiles());
        main.addMainListener(new SettingsCheck());
        // flows are bound to their named servers as their routes are added
        main.addMainListener(FlowServers.beforeRoutes());
        main.addMainListener(new EmbeddedServers());
        main.addMainListener(new LedgerService());
        main.addMainListener(new StartupBanner());
        // every setting at DEBUG, after the banner (Camel's own summary, at INFO before it, is off)
        main.addMainListener(new ferry.config.ConfigurationDump());
        ReloadState reloads = new ReloadState();
        main.addMainListener(new RouteReloader(reloads));
        main.addMainListener(new Observability(reloads));
        // the operator's console (page, JSON API) on the management port
        main.addMainListener(new ferry.console.ConsoleService(reloads));
        // alert mails: files failed for good, flows DOWN too long (after Observability, which binds the faults)
        main.addMainListener(new ferry.alerts.AlertService(reloads));
        // each FTPS connection gets its own client, so uploads can run in parallel
        main.bind("ftps", new ferry.tls.FtpsPerConnectionComponent());
        RouteTemplates.all().forEach(main.configure()::addRoutesBuilder);
        return main;
    }

    static int runAndReport(java.nio.file.Path home, java.util.List<String> args) {
        java.nio.file.Path config = (home == null ? java.nio.file.Path.of("") : home).resolve("config")
                .resolve("application.properties").toAbsolutePath();
        if (!java.nio.file.Files.isRegularFile(config)) {
            // not Camel's bare FileNotFoundException: say where Ferry looked and how to point it at its folder
            LOG.error("Ferry did not start: {} not found: start Ferry in its folder, or name that folder with --home DIR "
                    + "or FERRY_HOME", config);
            return 1;
        }
        StopSignals.install();
        Main main = create(home);
        java.util.concurrent.CountDownLatch said = new java.util.concurrent.CountDownLatch(1);
        main.addMainListener(new org.apache.camel.main.MainListenerSupport() {
            @Override
            public void afterStop(org.apache.camel.main.BaseMainSupport stopped) {
                LOG.info("Ferry stopped");
                said.countDown();
            }
        });
        // a signal stops Ferry through the JVM's shutdown hooks, and the JVM halts once they are done, whether or not
        // the main thread got to its last line: this hook waits for it (Camel's own hook stops the routes meanwhile)
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                said.await(40, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ferry-stopped-line"));
        try {
            return runAndReport(main, args.toArray(String[]::new));
        } finally {
            // also when Ferry did not start: nothing more to wait for
            said.countDown();
        }
    }

    static int runAndReport(Main main, String[] args) {
        try {
            return main.run(args);
        } catch (Exception e) {
            LOG.error("Ferry did not start: {}", rootMessage(e));
            LOG.debug("Startup failure", e);
            return 1;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
    }
}
