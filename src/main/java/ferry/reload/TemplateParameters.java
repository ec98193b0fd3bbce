package ferry.reload;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.RouteTemplateParameterDefinition;
import org.apache.camel.model.TemplatedRouteDefinition;
import org.apache.camel.model.TemplatedRouteParameterDefinition;
import org.apache.camel.util.StringHelper;

/**
 * Refuses a {@code templatedRoute} parameter the template does not declare: Camel ignores it silently, so
 * a misspelt {@code pollDelay} would quietly fall back to the template's default.
 */
final class TemplateParameters {

    private TemplateParameters() {
    }

    /** Throws naming the first undeclared parameter of the builder's templated routes (builder already added). */
    static void requireDeclared(CamelContext context, RoutesBuilder builder) {
        if (!(builder instanceof RouteBuilder routeBuilder)) {
            return;
        }
        ModelCamelContext model = (ModelCamelContext) context;
        for (TemplatedRouteDefinition route : routeBuilder.getTemplatedRouteCollection().getTemplatedRoutes()) {
            RouteTemplateDefinition template = model.getRouteTemplateDefinition(route.getRouteTemplateRef());
            if (template == null || route.getParameters() == null) {
                continue;
            }
            Set<String> declared = new HashSet<>();
            if (template.getTemplateParameters() != null) {
                for (RouteTemplateParameterDefinition p : template.getTemplateParameters()) {
                    declared.add(StringHelper.dashToCamelCase(p.getName()));
                }
            }
            for (TemplatedRouteParameterDefinition p : route.getParameters()) {
                if (!declared.contains(StringHelper.dashToCamelCase(p.getName()))) {
                    throw new IllegalArgumentException("unknown parameter '" + p.getName() + "' for route template "
                            + route.getRouteTemplateRef() + " (it takes " + String.join(", ", new TreeSet<>(declared)) + ")");
                }
            }
        }
    }
}
