package ferry.reload;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import ferry.support.FerryApp;
import ferry.support.ProbeRoute;
import ferry.support.TestFiles;
import ferry.support.TestLog;
import org.apache.camel.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Edits, additions, deletions and broken saves of route files on a running Ferry, with real files on disk. */
class HotReloadTest {

    private static final Map<String, String> FAST_SCAN = Map.of("ferry.reload.scan-interval", "500");

    @Test
    void should_apply_an_edit_within_two_seconds_and_leave_other_files_routes_running() throws Exception {
        try (FerryApp app = FerryApp.start(FAST_SCAN)) {
            ProbeRoute probe = new ProbeRoute(app, TestFiles.uniqueName("-probe"));
            probe.save(probe.yaml("v1"));
            await().atMost(Duration.ofSeconds(5)).until(() -> probe.running().equals("v1"));
            Route publish = app.context().getRoute("publish");
            Route ftpToMail = app.context().getRoute("ftp-to-mail");
            Route before = probe.route();

            probe.save(probe.yaml("v2"));
            await().atMost(Duration.ofSeconds(2)).until(() -> probe.running().equals("v2"));

            assertTrue(before != probe.route(), "the edited file's route was replaced");
            assertSame(publish, app.context().getRoute("publish"), "publish was not restarted");
            assertSame(ftpToMail, app.context().getRoute("ftp-to-mail"), "ftp-to-mail was not restarted");
        }
    }

    @Test
    void should_reload_a_shipped_workflow_and_keep_delivering() throws Exception {
        try (FerryApp app = FerryApp.start(FAST_SCAN)) {
            Route before = app.context().getRoute("publish");
            java.nio.file.Path file = app.routes().resolve("publish.camel.yaml");
            Files.writeString(file, Files.readString(file).replace("{{ferry.outbox.poll-delay}}", "150"));
            await().atMost(Duration.ofSeconds(2)).until(() -> app.context().getRoute("publish") != before
                    && app.context().getRoute("publish") != null);

            String name = TestFiles.uniqueName(".txt");
            app.drop(name, TestFiles.textWithLf(3));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> Files.exists(app.ftpRoot().resolve("incoming/.done").resolve(name)));
        }
    }

    @Test
    void should_remove_the_routes_of_a_deleted_file_only() throws Exception {
        try (FerryApp app = FerryApp.start(FAST_SCAN)) {
            ProbeRoute probe = new ProbeRoute(app, TestFiles.uniqueName("-probe"));
            probe.save(probe.yaml("v1"));
            await().atMost(Duration.ofSeconds(5)).until(() -> probe.route() != null);
            Route publish = app.context().getRoute("publish");

            Files.delete(probe.file());
            await().atMost(Duration.ofSeconds(5)).until(() -> probe.route() == null);

            assertSame(publish, app.context().getRoute("publish"));
            assertEquals(1, TestLog.lines("Removed " + probe.file(), "[" + probe.id() + "]").size());
        }
    }

    static Stream<Arguments> brokenSaves() {
        return Stream.of(
                Arguments.of("syntax error", (UnaryOperator<String>) y -> y.replace("      steps:", "      steps: [oops"),
                        "(line "),
                Arguments.of("unknown step", (UnaryOperator<String>) y -> y.replace("- setBody:", "- setBdy:"),
                        "setBdy"),
                Arguments.of("unknown component", (UnaryOperator<String>) y -> y.replace("uri: timer:", "uri: nosuchthing:"),
                        "No endpoint could be found for: nosuchthing"),
                Arguments.of("unknown option", (UnaryOperator<String>) y -> y.replace("delay: 0", "delay: 0\n        fooBar: 1"),
                        "fooBar"),
                Arguments.of("duplicate route id", (UnaryOperator<String>) y -> y.replaceFirst("id: \\S+", "id: fetch"),
                        "duplicate route id: route fetch is already defined in fetch.camel.yaml"),
                Arguments.of("missing placeholder", (UnaryOperator<String>) y -> y.replace("fileName: version.txt",
                        "fileName: \"{{ferry.no-such-key}}\""), "ferry.no-such-key"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenSaves")
    void should_keep_the_previous_version_running_on_a_broken_save_and_apply_the_fix(
            String kind, UnaryOperator<String> breakIt, String reason) throws Exception {
        try (FerryApp app = FerryApp.start(FAST_SCAN)) {
            ProbeRoute probe = new ProbeRoute(app, TestFiles.uniqueName("-probe"));
            probe.save(probe.yaml("v1"));
            await().atMost(Duration.ofSeconds(5)).until(() -> probe.running().equals("v1"));
            Route running = probe.route();

            probe.save(breakIt.apply(probe.yaml("v2")));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> TestLog.lines("Route file refused", probe.file().toString()).size() == 1);
            String line = TestLog.lines("Route file refused", probe.file().toString()).get(0);
            assertTrue(line.contains(reason), kind + ": " + line);
            // several scans later: still one line, the old version still running
            await().during(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(3))
                    .until(() -> TestLog.lines("Route file refused", probe.file().toString()).size() == 1
                            && probe.route() == running
                            && app.context().getRouteController().getRouteStatus(probe.id()).isStarted());
            Files.delete(app.data(probe.id()).resolve("version.txt"));
            await().atMost(Duration.ofSeconds(3)).until(() -> probe.running().equals("v1"));

            probe.save(probe.yaml("v3"));
            await().atMost(Duration.ofSeconds(3)).until(() -> probe.running().equals("v3"));
            assertNull(app.context().getRoute("nosuchthing"));
        }
    }
}
