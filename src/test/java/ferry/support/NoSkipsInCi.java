package ferry.support;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Under {@code CI=true} a test that aborts (a missing vsftpd, PostgreSQL, aiosmtpd or openssl, not root) fails with
 * its reason instead of counting as skipped, which Maven would pass; on a developer's machine it stays a skip with
 * the reason. Registered for every test class (META-INF/services, junit-platform.properties).
 */
public class NoSkipsInCi implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    /** The environment variable CI services set (GitHub Actions, GitLab, .ci/run). */
    static final String CI = "CI";
    /** A JUnit configuration parameter that overrides {@link #CI} (for the extension's own test). */
    static final String PARAMETER = "ferry.ci";

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw failInCi(context, throwable);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw failInCi(context, throwable);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw failInCi(context, throwable);
    }

    private static Throwable failInCi(ExtensionContext context, Throwable throwable) {
        String ci = context.getConfigurationParameter(PARAMETER).orElse(System.getenv(CI));
        boolean inCi = ci != null && !ci.isBlank() && !"false".equalsIgnoreCase(ci) && !"0".equals(ci);
        if (throwable instanceof TestAbortedException && inCi) {
            return new AssertionFailedError("would be skipped, but CI must run every test (" + CI + "=" + ci
                    + "; bin/test installs what the tests need): " + throwable.getMessage(), throwable);
        }
        return throwable;
    }
}
