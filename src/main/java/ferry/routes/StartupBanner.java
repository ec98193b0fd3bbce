package ferry.routes;

import ferry.config.ConfigValues;
import java.nio.file.Path;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs, once everything runs, where to drop files and where the mail shows up. */
public class StartupBanner extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(StartupBanner.class);

    @Override
    public void afterStart(BaseMainSupport main) {
        PropertiesComponent pc = main.getCamelContext().getPropertiesComponent();
        Path data = Path.of(ConfigValues.get(pc, "ferry.data")).toAbsolutePath().normalize();
        String to = ConfigValues.get(pc, "mail.to");
        if (Boolean.parseBoolean(ConfigValues.get(pc, "ferry.embedded"))) {
            LOG.info("Ferry is running ({} routes). Drop files into {} -> ftp://{}:{}{} -> mail to {}. "
                    + "See the mail in {} or over IMAP at {}:{} (login {}, password from mail.embedded.password).",
                    main.getCamelContext().getRoutes().size(), data.resolve("outbox"), ConfigValues.get(pc, "ftp.host"),
                    ConfigValues.get(pc, "ftp.port"), ferry.ftplib.RemoteFolderEndpoint.urlPath(ConfigValues.get(pc, "ftp.incoming")), to, data.resolve("mail"), ConfigValues.get(pc, "smtp.host"),
                    ConfigValues.get(pc, "imap.port"), to.split(",")[0].trim());
        } else {
            LOG.info("Ferry is running ({} routes). Drop files into {} -> ftp://{}:{}{} -> mail to {} via {}:{}.",
                    main.getCamelContext().getRoutes().size(), data.resolve("outbox"), ConfigValues.get(pc, "ftp.host"),
                    ConfigValues.get(pc, "ftp.port"), ferry.ftplib.RemoteFolderEndpoint.urlPath(ConfigValues.get(pc, "ftp.incoming")), to, ConfigValues.get(pc, "smtp.host"), ConfigValues.get(pc, "smtp.port"));
        }
    }

}
