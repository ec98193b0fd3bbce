package ferry.support;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/** Runs sample tests that abort (in the test and in @BeforeAll) through the JUnit launcher, in CI and outside. */
class NoSkipsInCiTest {

    @Test
    void should_fail_an_aborted_test_in_ci_with_its_reason() {
        TestExecutionSummary summary = run(AbortsInTest.class, "true");
        assertEquals(0, summary.getTestsAbortedCount(), "still skipped in CI");
        assertEquals(1, summary.getTestsFailedCount());
        String message = summary.getFailures().get(0).getException().getMessage();
        assertTrue(message.contains("CI must run every test") && message.contains("frobnicator is not installed"), message);
    }

    @Test
    void should_fail_the_tests_of_a_class_whose_before_all_aborts_in_ci() {
        TestExecutionSummary summary = run(AbortsInBeforeAll.class, "true");
        assertEquals(0, summary.getTestsAbortedCount() + summary.getContainersAbortedCount(), "still skipped in CI");
        assertEquals(1, summary.getContainersFailedCount(), "the class did not fail");
    }

    @Test
    void should_keep_the_skip_with_its_reason_outside_ci() {
        TestExecutionSummary summary = run(AbortsInTest.class, "false");
        assertEquals(1, summary.getTestsAbortedCount());
        assertEquals(0, summary.getTestsFailedCount());
    }

    private static TestExecutionSummary run(Class<?> sample, String ci) {
        LauncherDiscoveryRequest request = request().selectors(selectClass(sample))
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .configurationParameter(NoSkipsInCi.PARAMETER, ci).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        return listener.getSummary();
    }

    /** A test whose program is missing (run only through {@link #run}; surefire skips nested classes). */
    static class AbortsInTest {
        @Test
        void needs_a_frobnicator() {
            Assumptions.abort("frobnicator is not installed");
        }
    }

    /** A class that cannot start its server. */
    static class AbortsInBeforeAll {
        @BeforeAll
        static void start() {
            Assumptions.abort("frobnicator is not installed");
        }

        @Test
        void needs_a_frobnicator() {
            // never reached
        }
    }
}
