package ferry.smtplib;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/** A plain CamelContext running the routes of one test, and a way to send one exchange through them. */
final class Steps implements AutoCloseable {

    final CamelContext context = new DefaultCamelContext();

    static Steps java(String uri) throws Exception {
        Steps steps = new Steps();
        steps.context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to(uri);
            }
        });
        steps.context.start();
        return steps;
    }

    static Steps routes(RouteBuilder routes) throws Exception {
        Steps steps = new Steps();
        steps.context.addRoutes(routes);
        steps.context.start();
        return steps;
    }

    /** A YAML route {@code direct:send -> uri} whose {@code parameters:} map is {@code parameters}, one option a line. */
    static Steps yaml(String uri, String parameters) throws Exception {
        String yaml = """
                - route:
                    id: mail
                    from:
                      uri: direct:send
                      steps:
                        - to:
                            uri: %s
                            parameters:
                """.formatted(uri) + parameters.indent(18);
        Steps steps = new Steps();
        steps.context.start();
        PluginHelper.getRoutesLoader(steps.context).loadRoutes(ResourceHelper.fromString("mail.camel.yaml", yaml));
        return steps;
    }

    CamelContext context() {
        return context;
    }

    /** Sends {@code body} with {@code headers} to direct:send; the exchange carries any failure. */
    Exchange send(Object body, Map<String, Object> headers) {
        return context.createProducerTemplate().send("direct:send", e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeaders(new java.util.HashMap<>(headers));
        });
    }

    @Override
    public void close() {
        context.stop();
    }
}
