package ferry.routes;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.model.RouteTemplateDefinition;

/**
 * Workflow publish: a file dropped in the outbox is uploaded in binary to the remote folder (FTP, FTPS or SFTP)
 * under a hidden temporary name, renamed when complete, and the local file moves to the archive (or to failed/).
 */
public class PublishTemplate extends EndpointRouteBuilder {

    @Override
    public void configure() {
        RouteTemplateDefinition template = routeTemplate("publish")
                .templateParameter("data", null, "local root holding outbox/, archive/ and failed/")
                .templateParameter("pollDelay", "500")
                .templateParameter("stableTime", "500", "a file is taken once unchanged for this long (ms)");
        RemoteFolder.parameters(template);
        // ${file:name} is the outbox file's own name: a plain file name (no folder part, never "..": a folder
        // entry cannot be named that), so the upload stays inside the remote folder
        template.templateBean(RemoteFolder.BEAN, Endpoint.class,
                        rtc -> RemoteFolder.endpoint(rtc, Map.of("tempFileName", ".${file:name}.part")))
                .from(file("{{data}}/outbox")
                        // "changed": size and time must hold still for one interval, so half-copied files wait
                        .readLock("changed")
                        .readLockCheckInterval("{{stableTime}}")
                        .readLockMinLength(0)
                        .delay("{{pollDelay}}")
                        .move("../archive/${date:now:yyyy-MM-dd}/${file:name}")
                        .moveFailed("../failed/${file:name}"))
                .routeConfigurationId(ErrorHandling.ID)
                .log("${routeId}: uploading ${file:name} (${file:size} bytes) to {{ftpHost}}:{{ftpPort}}{{remoteDir}} ({{ftpProtocol}}, security {{ftpSecurity}})")
                .to("ref:{{" + RemoteFolder.BEAN + "}}")
                .log("${routeId}: ${file:name} uploaded to {{remoteDir}}, archived");
    }
}
