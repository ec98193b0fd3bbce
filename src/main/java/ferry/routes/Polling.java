package ferry.routes;

import org.apache.camel.model.RouteTemplateDefinition;

/** The options of a flow's source folder, local or remote: how often it is polled and which names it takes. */
final class Polling {

    private Polling() {
    }

    static void parameters(RouteTemplateDefinition template, String delay) {
        template.templateParameter("pollDelay", delay, "ms between polls of the source folder")
                .templateParameter("maxFilesPerPoll", "{{ferry.max-files-per-poll}}",
                        "files claimed per poll (several instances share the work)")
                .templateParameter("include", "", "names to take, comma-separated patterns (invoice-*.pdf); empty: all")
                .templateParameter("exclude", "", "names to leave where they are, comma-separated patterns");
    }
}
