package ferry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import ferry.support.FerryProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ferry validate}: exit codes and messages, in a child JVM as CI would run it. */
class ValidateTest {

    @Test
    void should_accept_the_shipped_routes_with_exit_0_and_one_summary_line() throws Exception {
        FerryProcess.Result r = FerryProcess.run(Map.of(), List.of(), List.of("validate", "routes/"));
        assertEquals(0, r.exitCode(), r.output());
        assertEquals("OK: 7 route file(s), 7 route(s), configuration valid", r.output().strip());
    }

    @Test
    void should_list_every_problem_with_its_file_and_exit_1(@TempDir Path routes) throws Exception {
        for (String name : List.of("publish", "ftp-to-mail", "fetch")) {
            Files.copy(Path.of("routes", name + ".camel.yaml"), routes.resolve(name + ".camel.yaml"));
        }
        Files.writeString(routes.resolve("broken.camel.yaml"), "- route:\n    id: broken\n    from:\n      uri: timer:x\n"
                + "      steps: [oops\n");
        Files.writeString(routes.resolve("twin.camel.yaml"), "- route:\n    id: fetch\n    from:\n      uri: timer:x\n"
                + "      steps:\n        - log: hi\n");
        Path publish = routes.resolve("publish.camel.yaml");
        Files.writeString(publish, Files.readString(publish).replace("name: pollDelay", "name: pollDelayy"));

        FerryProcess.Result r = FerryProcess.run(Map.of(), List.of(), List.of("validate", routes.toString()));

        assertEquals(1, r.exitCode(), r.output());
        List<String> lines = r.output().strip().lines().toList();
        assertEquals(4, lines.size(), r.output());
        assertTrue(lines.get(0).startsWith(routes.resolve("broken.camel.yaml") + " (line 6, column 1): while parsing a flow sequence"), lines.get(0));
        assertTrue(lines.get(1).startsWith(publish + " (line "), lines.get(1));
        assertTrue(lines.get(1).contains("unknown parameter 'pollDelayy' for route template publish"), lines.get(1));
        assertTrue(lines.get(2).contains("twin.camel.yaml (line 2): duplicate route id: route fetch is already defined in"), lines.get(2));
        assertEquals("FAILED: 3 problem(s) in 5 route file(s)", lines.get(3));
    }

    @Test
    void should_refuse_a_placeholder_without_value(@TempDir Path routes) throws Exception {
        Files.writeString(routes.resolve("probe.camel.yaml"), "- route:\n    id: probe\n    from:\n      uri: timer:x\n"
                + "      steps:\n        - to:\n            uri: \"file:{{ferry.no-such-key}}\"\n");
        FerryProcess.Result r = FerryProcess.run(Map.of(), List.of(), List.of("validate", routes.toString()));
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.output().contains("probe.camel.yaml (line 7): route probe: Property with key [ferry.no-such-key] not found"),
                r.output());
    }

    @Test
    void should_refuse_a_wrong_setting_before_the_routes() throws Exception {
        FerryProcess.Result r = FerryProcess.run(Map.of("FTP_PASSIVE", "maybe"), List.of(), List.of("validate"));
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.output().contains("setting ftp.passive = 'maybe' is not allowed"), r.output());
        assertFalse(r.output().contains("OK:"), r.output());
    }
}
