package ferry.routes;

import java.util.List;

import org.apache.camel.RoutesBuilder;

/** The Java side the YAML routes build on: the error handling and the workflow templates, in one list. */
public final class RouteTemplates {

    private RouteTemplates() {
    }

    /** Fresh builders each time: a builder belongs to the one CamelContext it is added to. */
    public static List<RoutesBuilder> all() {
        return List.of(new ErrorHandling(), new PublishTemplate(), new FtpToMailTemplate(), new FetchTemplate());
    }
}
