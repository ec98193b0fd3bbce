package ferry;

import java.util.List;
import java.util.Map;

import ferry.config.InvalidSettingException;
import ferry.support.FerryProcess;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A wrong or missing setting stops Ferry with one line naming the key and what it accepts. */
class SettingsTest {

    @Test
    void should_refuse_to_start_with_an_unknown_smtp_security() {
        Main main = FerryMain.create();
        main.addOverrideProperty("smtp.security", "foo");
        main.addOverrideProperty("ferry.embedded", "false");
        Exception e = assertThrows(Exception.class, main::start);
        InvalidSettingException cause = rootCause(e, InvalidSettingException.class);
        assertEquals("smtp.security", cause.getKey());
        assertTrue(cause.getMessage().contains("'foo' is not allowed; use one of none, starttls, ssl"), cause.getMessage());
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
