package ferry.news;

import org.apache.camel.model.RouteTemplateDefinition;

/** The news server parameters both news workflows take (nntp.* settings). */
final class NewsParameters {

    private NewsParameters() {
    }

    static RouteTemplateDefinition server(RouteTemplateDefinition template) {
        return template.templateParameter("nntpHost").templateParameter("nntpPort", "119")
                .templateParameter("nntpUsername", "").templateParameter("nntpPassword", "")
                .templateParameter("nntpSecurity", "none", "none, starttls (required) or ssl (NNTPS)")
                .templateParameter("nntpTimeout", "10000", "connect and read timeout (ms)");
    }
}
