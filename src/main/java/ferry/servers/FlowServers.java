package ferry.servers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ferry.ftplib.FtpSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.RouteTemplateContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListener;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ModelLifecycleStrategy;
import org.apache.camel.model.RouteDefinition;

/**
 * Binds a flow (a route made from a flow template) to its servers when it is added: the names in its
 * {@code server}, {@code targetServer} and {@code mailServer} parameters become resolved settings the template's
 * factories take ({@link #ftp}, {@link #mail}), and the flow's name (its route id) becomes the {@code flow}
 * parameter its ledger keys start with. A name that is not defined, or a server that is incomplete, refuses the
 * flow with every problem in one message, in the running context and in the reload guard's check alike.
 */
public final class FlowServers implements ModelLifecycleStrategy {

    /** Template parameter with the flow's name (its route id). */
    public static final String FLOW = "flow";
    /** Template parameters that name an FTP/SFTP server. */
    public static final List<String> FTP_PARAMETERS = List.of("server", "targetServer");
    /** Template parameter that names a mail server. */
    public static final String MAIL_PARAMETER = "mailServer";

    private static final String SETTINGS = "Settings";

    private final CamelContext context;

    private FlowServers(CamelContext context) {
        this.context = context;
    }

    /** Makes the context bind flows to servers as their routes are added (before any route is loaded). */
    public static void install(CamelContext context) {
        ((ModelCamelContext) context).addModelLifecycleStrategy(new FlowServers(context));
    }

    /** Installs the binding in Camel Main's context before any route file is loaded. */
    public static MainListener beforeRoutes() {
        return new MainListenerSupport() {
            @Override
            public void beforeConfigure(BaseMainSupport main) {
                install(main.getCamelContext());
            }
        };
    }

    /** The resolved FTP/SFTP server a flow's {@code parameter} named. */
    public static FtpSettings ftp(RouteTemplateContext rtc, String parameter) {
        return rtc.getProperty(parameter + SETTINGS, FtpSettings.class);
    }

    /** The resolved mail server of a flow. */
    public static MailServer mail(RouteTemplateContext rtc) {
        return rtc.getProperty(MAIL_PARAMETER + SETTINGS, MailServer.class);
    }

    @Override
    public void onAddRouteDefinition(RouteDefinition definition) {
        RouteTemplateContext rtc = definition.getRouteTemplateContext();
        Map<String, Object> parameters = definition.getTemplateParameters();
        if (rtc == null || parameters == null) {
            return;
        }
        String flow = definition.getId();
        parameters.put(FLOW, flow);
        rtc.setParameter(FLOW, flow);
        Servers servers = new Servers(context.getPropertiesComponent());
        List<String> problems = new ArrayList<>();
        for (String parameter : FTP_PARAMETERS) {
            String name = name(parameters, parameter);
            if (name != null) {
                try {
                    FtpSettings settings = servers.ftp(flow, name);
                    rtc.setParameter(parameter + SETTINGS, settings);
                    // what log lines and ledger keys show of the server; never its credentials
                    parameters.put(parameter + "Protocol", settings.sftp() ? "sftp" : "ftp");
                    parameters.put(parameter + "Host", settings.host());
                    parameters.put(parameter + "Port", String.valueOf(settings.port()));
                    parameters.put(parameter + "Security", settings.security());
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        String mail = name(parameters, MAIL_PARAMETER);
        if (mail != null) {
            try {
                rtc.setParameter(MAIL_PARAMETER + SETTINGS, servers.mail(flow, mail));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            // each message starts "flow <name>: "; said once
            String prefix = "flow " + flow + ": ";
            throw new IllegalArgumentException(prefix + String.join("; ",
                    problems.stream().map(p -> p.startsWith(prefix) ? p.substring(prefix.length()) : p).toList()));
        }
    }

    private String name(Map<String, Object> parameters, String parameter) {
        Object value = parameters.get(parameter);
        return value == null ? null : context.resolvePropertyPlaceholders(value.toString()).trim();
    }

    @Override
    public void onRemoveRouteDefinition(RouteDefinition definition) {
        // nothing is held per flow beyond its route
    }

    @Override
    public void onAddRouteTemplateDefinition(org.apache.camel.model.RouteTemplateDefinition template) {
        // templates take their servers only when a flow instantiates one
    }

    @Override
    public void onRemoveRouteTemplateDefinition(org.apache.camel.model.RouteTemplateDefinition template) {
        // as above
    }
}
