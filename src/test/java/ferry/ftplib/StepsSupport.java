package ferry.ftplib;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What the ftplib step tests share, whatever the protocol: a several-step session route and failure capture. */
final class StepsSupport {

    private StepsSupport() {
    }

    /** direct:session: login, cwd, retrbinary and pwd in one exchange, so one session; options come in headers. */
    static RouteBuilder sessionRoute() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // one exchange, one session: cwd changes what the following steps see
                from("direct:session")
                        .toD("ftplib:login?${header.options}")
                        .toD("ftplib:cwd?path=${header.dir}&${header.options}")
                        .toD("ftplib:retrbinary?path=${header.file}&localDir=${header.localDir}&${header.options}")
                        .toD("ftplib:pwd?${header.options}");
            }
        };
    }

    /** The ftplib exception a step failed with. */
    static FtpException failure(Runnable step) {
        CamelExecutionException e = assertThrows(CamelExecutionException.class, step::run);
        return assertInstanceOf(FtpException.class, e.getCause(), String.valueOf(e.getCause()));
    }
}
