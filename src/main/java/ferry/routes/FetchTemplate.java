package ferry.routes;

import ferry.ftplib.FtpException;
import ferry.ftplib.FtpLibProducer;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * Workflow fetch, the seed's example: log in (anonymously by default), cwd to a folder, download one
 * file in binary into the inbox, report each step; a failed download leaves no partial file behind.
 */
public class FetchTemplate extends RouteBuilder {

    /** Exchange property with the one-line outcome, for callers such as tests. */
    public static final String OUTCOME = "FerryFetchOutcome";

    @Override
    public void configure() {
        // RAW(): a user name or password holding '&', '+' or '%' reaches the server as written, not URI-decoded
        // (Camel still reads a literal "%25" inside RAW() as '%'); paths go in the FerryFtpPath header, exact
        String server = "host={{ftpHost}}&port={{ftpPort}}&username=RAW({{ftpUsername}})&password=RAW({{ftpPassword}})"
                + "&passive={{ftpPassive}}&timeout={{ftpTimeout}}";
        routeTemplate("fetch")
                .templateParameter("trigger", "timer:fetch?repeatCount=1", "what starts a fetch")
                // the default server's address, logged in as fetch.username (anonymous by default)
                .templateParameter("ftpHost", "{{ftp.host}}").templateParameter("ftpPort", "{{ftp.port}}")
                .templateParameter("ftpUsername", "{{fetch.username}}").templateParameter("ftpPassword", "{{fetch.password}}")
                .templateParameter("ftpPassive", "{{ftp.passive}}")
                .templateParameter("ftpTimeout", "{{ftp.timeout}}")
                .templateParameter("directory", "{{fetch.directory}}", "remote folder to cwd into")
                .templateParameter("file", "{{fetch.file}}", "remote file to download")
                .templateParameter("inbox", "{{ferry.data}}/inbox", "local folder to download into")
                .from("{{trigger}}")
                .log("${routeId}: connecting to {{ftpHost}}:{{ftpPort}}")
                .doTry()
                    .to("ftplib:login?" + server)
                    .log("${routeId}: logged in as {{ftpUsername}}")
                    .setHeader(FtpLibProducer.PATH, constant("{{directory}}"))
                    .to("ftplib:cwd?" + server)
                    .log("${routeId}: changed to {{directory}}")
                    .setHeader(FtpLibProducer.PATH, constant("{{file}}"))
                    .to("ftplib:retrbinary?localDir=RAW({{inbox}})&" + server)
                    .log("${routeId}: downloaded {{file}} (${header.CamelFileLength} bytes) to ${header.FerryFtpLocalFile}")
                    .to("ftplib:quit?" + server)
                    .setProperty(OUTCOME, simple("downloaded {{file}} to ${header.FerryFtpLocalFile}"))
                    .log("${routeId}: done")
                .doCatch(FtpException.class, IllegalArgumentException.class)
                    .setProperty(OUTCOME, simple("${exception.message}"))
                    .log(LoggingLevel.ERROR, "${routeId}: ${exception.message}")
                    .stop()
                .end();
    }
}
