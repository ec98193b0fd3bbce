package ferry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import ferry.config.InvalidSettingException;
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
        Result r = runFerry(Map.of("MAIL_MAX_ATTACHMENT_SIZE", "lots"), List.of());
        assertEquals(1, r.exitCode, r.output);
        assertTrue(r.output.contains("Ferry did not start: setting mail.max-attachment-size = 'lots' is not a size"), r.output);
    }

    @Test
    void should_take_a_system_property_over_the_config_file() throws Exception {
        Result r = runFerry(Map.of(), List.of("-Dftp.passive=maybe"));
        assertEquals(1, r.exitCode, r.output);
        assertTrue(r.output.contains("setting ftp.passive = 'maybe' is not allowed; use one of true, false"), r.output);
    }

    private record Result(int exitCode, String output) {
    }

    /** Runs Ferry's real entry point in its own JVM from the project root, as a user would. */
    private static Result runFerry(Map<String, String> env, List<String> jvmArgs) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Ferry.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("Ferry did not exit: " + out);
        }
        return new Result(p.exitValue(), out);
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
