package ferry;

import java.util.List;
import java.util.Map;

import ferry.config.InvalidSettingException;
import ferry.support.FerryProcess;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A wrong or missing setting stops Ferry with one line naming the key and what it accepts. */
class SettingsTest {

    @ParameterizedTest
    @CsvSource({"smtp.security, foo", "nntp.security, tls"})
    void should_refuse_to_start_with_an_unknown_security(String key, String value) {
        Main main = FerryMain.create();
        main.addOverrideProperty(key, value);
        main.addOverrideProperty("ferry.embedded", "false");
        Exception e = assertThrows(Exception.class, main::start);
        InvalidSettingException cause = rootCause(e, InvalidSettingException.class);
        assertEquals(key, cause.getKey());
        assertTrue(cause.getMessage().contains("'" + value + "' is not allowed; use one of none, starttls, ssl"), cause.getMessage());
        main.stop();
    }

    @Test
    void should_refuse_to_start_with_a_missing_host() {
        Main main = FerryMain.create();
        main.addOverrideProperty("ftp.host", "");
        Exception e = assertThrows(Exception.class, main::start);
        assertTrue(rootCause(e, InvalidSettingException.class).getMessage().startsWith("setting ftp.host is not set"));
        main.stop();
    }

    @Test
    void should_exit_non_zero_with_one_clear_line_when_an_environment_variable_is_wrong() throws Exception {
        FerryProcess.Result r = runFerry(Map.of("MAIL_MAX_ATTACHMENT_SIZE", "lots"), List.of());
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.output().contains("Ferry did not start: setting mail.max-attachment-size = 'lots' is not a size"), r.output());
    }

    @Test
    void should_take_a_system_property_over_the_config_file() throws Exception {
        FerryProcess.Result r = runFerry(Map.of(), List.of("-Dftp.passive=maybe"));
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.output().contains("setting ftp.passive = 'maybe' is not allowed; use one of true, false"), r.output());
    }

    @Test
    void should_refuse_ftps_security_with_sftp() {
        InvalidSettingException e = refused(Map.of("ftp.protocol", "sftp", "ftp.security", "explicit"));
        assertEquals("ftp.security", e.getKey());
        assertTrue(e.getMessage().contains("applies to FTP only"), e.getMessage());
    }

    @Test
    void should_refuse_an_unknown_ftp_security_and_tls_version() {
        assertTrue(refused(Map.of("ftp.security", "tls")).getMessage()
                .contains("'tls' is not allowed; use one of none, explicit, implicit"));
        assertTrue(refused(Map.of("tls.protocols", "TLSv1.1")).getMessage().contains("use TLSv1.2, TLSv1.3"));
    }

    @Test
    void should_refuse_a_trust_store_it_cannot_open_without_showing_the_password() {
        InvalidSettingException e = refused(Map.of("tls.trust-store", "pom.xml", "tls.trust-store-password", "hunter2-pw"));
        assertEquals("tls.trust-store", e.getKey());
        assertTrue(e.getMessage().contains("'pom.xml' cannot be used"), e.getMessage());
        assertTrue(!e.getMessage().contains("hunter2-pw"), e.getMessage());
    }

    @Test
    void should_refuse_a_missing_known_hosts_file_for_sftp() {
        InvalidSettingException e = refused(Map.of("ftp.protocol", "sftp", "sftp.known-hosts", "target/no-such-known_hosts"));
        assertEquals("sftp.known-hosts", e.getKey());
    }

    @Test
    void should_refuse_a_host_key_fingerprint_that_is_not_openssh_sha256() {
        InvalidSettingException e = refused(Map.of("ftp.protocol", "sftp",
                "sftp.host-key-fingerprint", "MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48"));
        assertEquals("sftp.host-key-fingerprint", e.getKey());
        assertTrue(e.getMessage().contains("must start with SHA256:"), e.getMessage());
        InvalidSettingException cut = refused(Map.of("sftp.host-key-fingerprint", "SHA256:tooShort"));
        assertTrue(cut.getMessage().contains("43 base64 characters"), cut.getMessage());
    }

    @Test
    void should_refuse_active_mode_with_sftp() {
        InvalidSettingException e = refused(Map.of("ftp.protocol", "sftp", "ftp.passive", "false"));
        assertEquals("ftp.passive", e.getKey());
        assertTrue(e.getMessage().contains("applies to FTP only"), e.getMessage());
    }

    @Test
    void should_refuse_a_line_break_in_a_mail_address() {
        InvalidSettingException e = refused(Map.of("mail.to", "ops@example.org\r\nBcc: spy@example.org"));
        assertEquals("mail.to", e.getKey());
        assertTrue(e.getMessage().contains("line break"), e.getMessage());
    }

    @Test
    void should_warn_at_startup_when_tls_verification_is_off() throws Exception {
        try (ferry.support.FerryApp app = ferry.support.FerryApp.start(Map.of("tls.insecure", "true"))) {
            String log = java.nio.file.Files.readString(java.nio.file.Path.of("target/test.log"));
            assertTrue(log.contains("WARN") && log.contains("tls.insecure=true: FTPS and SMTP TLS certificates and host names are NOT verified"));
        }
    }

    private static InvalidSettingException refused(Map<String, String> overrides) {
        Main main = FerryMain.create();
        main.addOverrideProperty("ferry.embedded", "false");
        overrides.forEach(main::addOverrideProperty);
        Exception e = assertThrows(Exception.class, main::start);
        main.stop();
        return rootCause(e, InvalidSettingException.class);
    }

    private static FerryProcess.Result runFerry(Map<String, String> env, List<String> jvmArgs) throws Exception {
        return FerryProcess.run(env, jvmArgs, List.of());
    }

    private static <T extends Throwable> T rootCause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + e, e);
    }
}
