package ferry.servers;

import java.io.IOException;
import java.util.Map;

import ferry.config.ConfigValues;
import ferry.config.InvalidSettingException;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.util.IOHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ftp.password-file} and {@code smtp.password-file}: the default servers' passwords read from a file, as
 * {@code server.<name>.password-file} does for a named one. The file is read once, before anything is configured,
 * into {@code ftp.password} / {@code smtp.password}, so every user of the default server gets it: the flows, the
 * ftplib steps, the alert mails, the news workflows and the embedded demo server's account alike.
 */
public final class DefaultPasswordFiles extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultPasswordFiles.class);

    /** Each file key and the password key it fills. */
    private static final Map<String, String> KEYS = Map.of("ftp.password-file", "ftp.password",
            "smtp.password-file", "smtp.password");

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        apply(main.getCamelContext().getPropertiesComponent());
    }

    /** Reads each password file that is set into its password key; a file that cannot be read stops Ferry. */
    public static void apply(PropertiesComponent pc) {
        KEYS.forEach((fileKey, passwordKey) -> {
            String file = ConfigValues.get(pc, fileKey);
            if (file.isEmpty()) {
                return;
            }
            // the shipped ftp.password (the demo account) gives way to the file; a password given as -D or in the
            // environment would win over anything set here, so the two together are refused rather than one ignored
            if (given(System.getProperty(passwordKey)) || given(IOHelper.lookupEnvironmentVariable(passwordKey))) {
                throw new InvalidSettingException(fileKey, "is set, and so is " + passwordKey + " (-D or environment): keep one");
            }
            try {
                pc.addOverrideProperty(passwordKey, PasswordFile.read(file));
            } catch (IOException e) {
                // the file's name is no secret; its content is never shown
                throw new InvalidSettingException(fileKey, PasswordFile.unreadable(file, e));
            }
            LOG.info("{} is read from {} ({})", passwordKey, file, fileKey);
        });
    }

    /** An empty FTP_PASSWORD= (a blanked variable) gives no password, so it does not compete with the file. */
    private static boolean given(String value) {
        return value != null && !value.isBlank();
    }
}
