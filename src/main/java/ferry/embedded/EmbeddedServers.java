package ferry.embedded;

import ferry.config.ConfigValues;
import java.nio.file.Path;

import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the embedded FTP and mail servers before the routes are built when {@code ferry.embedded=true}
 * (FTP with explicit FTPS when {@code ferry.embedded.tls=true}), and publishes the ports they really bound
 * (a configured port of 0 means "any free port").
 */
public class EmbeddedServers extends MainListenerSupport {

    /** Registry name under which the running servers can be looked up (tests, diagnostics). */
    public static final String BEAN = "ferryEmbeddedServers";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServers.class);

    private EmbeddedFtpServer ftp;
    private EmbeddedMailServer mail;

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        PropertiesComponent pc = context.getPropertiesComponent();
        if (!Boolean.parseBoolean(ConfigValues.get(pc, "ferry.embedded"))) {
            LOG.info("ferry.embedded=false: using FTP server {}:{} and SMTP server {}:{}",
                    ConfigValues.get(pc, "ftp.host"), ConfigValues.get(pc, "ftp.port"), ConfigValues.get(pc, "smtp.host"), ConfigValues.get(pc, "smtp.port"));
            return;
        }
        Path data = Path.of(ConfigValues.get(pc, "ferry.data")).toAbsolutePath();
        DemoCertificate tls = Boolean.parseBoolean(ConfigValues.get(pc, "ferry.embedded.tls")) ? DemoCertificate.in(data) : null;
        if (tls == null && !"none".equals(ConfigValues.get(pc, "smtp.security"))) {
            throw new IllegalArgumentException("setting smtp.security=" + ConfigValues.get(pc, "smtp.security")
                    + " needs TLS on the embedded mail server (ferry.embedded.tls=true) or a real one (ferry.embedded=false)");
        }
        try {
            ftp = new EmbeddedFtpServer(data, ConfigValues.get(pc, "ftp.username"), ConfigValues.get(pc, "ftp.password"),
                    Integer.parseInt(ConfigValues.get(pc, "ftp.port")), ConfigValues.get(pc, "ftp.embedded.passive-ports"), 0, tls);
            ftp.start();
            mail = new EmbeddedMailServer(data.resolve("mail"), ConfigValues.get(pc, "mail.to"), ConfigValues.get(pc, "mail.embedded.password"),
                    Integer.parseInt(ConfigValues.get(pc, "smtp.port")), Integer.parseInt(ConfigValues.get(pc, "imap.port")), tls);
            mail.start();
        } catch (RuntimeException e) {
            stopAll();
            throw e;
        }
        context.getRegistry().bind(BEAN, this);
        addStopHook(context);
        pc.addOverrideProperty("ftp.host", EmbeddedFtpServer.HOST);
        pc.addOverrideProperty("ftp.port", String.valueOf(ftp.getPort()));
        pc.addOverrideProperty("smtp.host", EmbeddedMailServer.HOST);
        pc.addOverrideProperty("smtp.port", String.valueOf(mail.getSmtpPort()));
        pc.addOverrideProperty("imap.port", String.valueOf(mail.getImapPort()));
        if (tls != null) {
            // Ferry talks explicit FTPS to its own server and trusts exactly the certificate just made
            pc.addOverrideProperty("ftp.security", "explicit");
            pc.addOverrideProperty("smtp.security", "ssl");
            pc.addOverrideProperty("tls.trust-store", tls.trustStore().toString());
            pc.addOverrideProperty("tls.trust-store-password", tls.password());
            LOG.info("ferry.embedded.tls=true: the embedded FTP server speaks explicit FTPS and the mail server SMTP over TLS "
                    + "with {} (trust store for clients: {}, password {})", tls.keyStore(), tls.trustStore(), DemoCertificate.PASSWORD);
        }
    }

    private void addStopHook(CamelContext context) {
        try {
            context.addService(new ferry.config.OnContextStop(this::stopAll), true, true);
        } catch (Exception e) {
            stopAll();
            throw new IllegalStateException("cannot tie the embedded servers to Camel's lifecycle", e);
        }
    }

    public EmbeddedFtpServer ftp() {
        return ftp;
    }

    public EmbeddedMailServer mail() {
        return mail;
    }

    private void stopAll() {
        if (mail != null) {
            mail.stop();
        }
        if (ftp != null) {
            ftp.stop();
        }
    }

}
