package ferry.flows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import ferry.support.FerryApp;
import ferry.support.FerryProcess;
import ferry.support.TestFiles;
import ferry.support.TestLog;
import org.apache.camel.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A flow naming a server that is not defined, or not complete, is refused by the reload guard and by validate. */
class FlowServersTest {

    @Test
    void should_refuse_a_flow_naming_an_unknown_server_on_reload_and_keep_the_previous_version() throws Exception {
        try (FerryApp app = FerryApp.start(Map.of("ferry.reload.scan-interval", "500",
                "server.globex.host", "127.0.0.1", "server.globex.port", "1"))) {
            String name = "partner-" + TestFiles.uniqueName("");
            Path outbox = app.data("partner-out");
            Path file = FlowsTest.flow(app.routes(), name, "publish", "server: globex", "outbox: " + outbox);
            await("flow " + name + " running").atMost(Duration.ofSeconds(5)).until(() -> app.context().getRoute(name) != null);
            Route running = app.context().getRoute(name);

            FlowsTest.flow(app.routes(), name, "publish", "server: acme", "outbox: " + outbox);
            await("the refusal of " + file).atMost(Duration.ofSeconds(5))
                    .until(() -> TestLog.lines("Route file refused", file.toString()).size() == 1);
            String line = TestLog.lines("Route file refused", file.toString()).get(0);
            assertTrue(line.contains(file + " (line 6): flow " + name + ": server 'acme' is not defined; defined: default, globex"), line);
            assertSame(running, app.context().getRoute(name), "the previous version keeps running");
            // the same flow's other servers or other flows were never touched
            assertTrue(app.context().getRoute("publish") != null);
        }
    }

    @Test
    void should_report_every_problem_of_every_flow_in_validate(@TempDir Path routes) throws Exception {
        FlowsTest.flow(routes, "acme-in", "collect", "server: acme", "remoteDir: /out");
        FlowsTest.flow(routes, "globex-mail", "ftp-to-mail", "server: globex", "mailServer: nowhere", "remoteDir: /in");
        FlowsTest.flow(routes, "fine", "publish", "server: globex");
        Path missing = routes.resolve("no-such-password");
        FerryProcess.Result r = FerryProcess.run(Map.of(), List.of("-Dserver.globex.host=127.0.0.1",
                "-Dserver.globex.protocol=ftps", "-Dserver.globex.security=none", "-Dserver.acme.port=2x",
                "-Dserver.acme.password-file=" + missing), List.of("validate", routes.toString()));

        assertEquals(1, r.exitCode(), r.output());
        List<String> lines = r.output().strip().lines().toList();
        assertEquals(List.of(
                routes.resolve("acme-in.camel.yaml") + " (line 6): flow acme-in: server 'acme' is incomplete: server.acme.host is not set;"
                        + " server.acme.port = '2x' is not a whole number from 0 to 65535; server.acme.password-file = '" + missing
                        + "' cannot be read (NoSuchFileException)",
                routes.resolve("fine.camel.yaml") + " (line 6): flow fine: server 'globex' is incomplete: server.globex.security = 'none'"
                        + " is not allowed; use one of explicit, implicit",
                routes.resolve("globex-mail.camel.yaml") + " (line 6): flow globex-mail: server 'globex' is incomplete:"
                        + " server.globex.security = 'none' is not allowed; use one of explicit, implicit; mail server 'nowhere' is not"
                        + " defined; defined: default",
                "FAILED: 3 problem(s) in 3 route file(s)"), lines);
    }
}
