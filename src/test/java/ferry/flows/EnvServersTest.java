package ferry.flows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import ferry.embedded.EmbeddedFtpServer;
import ferry.support.FerryNode;
import ferry.support.FerryProcess;
import ferry.support.Mails;
import ferry.support.TestFiles;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static ferry.flows.FlowsTest.flow;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Servers given only as environment variables ({@code SERVER_PARTNER_X_HOST}, a container's way) or only as
 * {@code -D} options, with nothing in config/application.properties: Ferry (its own JVM, as a container runs it)
 * finds them, its flows deliver through them to real servers, and validate accepts them.
 */
class EnvServersTest {

    @Test
    void should_deliver_through_servers_defined_only_in_the_environment_or_as_system_properties() throws Exception {
        String password = "pw-" + UUID.randomUUID();
        Path dir = Files.createDirectories(Path.of("target", "test-data", TestFiles.uniqueName("-env-servers")).toAbsolutePath());
        Path secret = Files.writeString(dir.resolve("partner.secret"), password + "\n");
        Path routes = Files.createDirectories(dir.resolve("routes"));
        flow(routes, "to-partner", "publish", "server: partner-x", "outbox: " + dir.resolve("partner-out"), "remoteDir: /env-in");
        flow(routes, "to-sys", "publish", "server: sys", "outbox: " + dir.resolve("sys-out"), "remoteDir: /sys-in");
        flow(routes, "desk-mail", "local-to-mail", "mailServer: desk", "outbox: " + dir.resolve("desk"), "mailTo: desk@example.org");
        flow(routes, "sys-mail", "local-to-mail", "mailServer: sysmail", "outbox: " + dir.resolve("sysdesk"),
                "mailTo: sys@example.org");
        EmbeddedFtpServer ftp = new EmbeddedFtpServer(dir.resolve("ftp-server"), "courier", password, 0, "0");
        ftp.start();
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            String ftpPort = String.valueOf(ftp.getPort());
            String smtpPort = String.valueOf(smtp.getSmtp().getPort());
            // partner-x and desk: environment only (the password from a file named there too)
            Map<String, String> env = Map.of("SERVER_PARTNER_X_HOST", "127.0.0.1", "SERVER_PARTNER_X_PORT", ftpPort,
                    "SERVER_PARTNER_X_USERNAME", "courier", "SERVER_PARTNER_X_PASSWORD_FILE", secret.toString(),
                    "MAIL_SERVER_DESK_HOST", "127.0.0.1", "MAIL_SERVER_DESK_PORT", smtpPort);
            // sys and sysmail: -D only
            List<String> jvm = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-Dferry.embedded=false",
                    "-Dferry.data=" + dir.resolve("data"), "-Dferry.routes=" + routes, "-Dcamel.management.port=0",
                    "-Dftp.port=1", "-Dsmtp.port=1", "-Dferry.reload.enabled=false", "-Dferry.outbox.stable-time=100",
                    "-Dserver.sys.host=127.0.0.1", "-Dserver.sys.port=" + ftpPort, "-Dserver.sys.username=courier",
                    "-Dserver.sys.password=" + password, "-Dmail-server.sysmail.host=127.0.0.1",
                    "-Dmail-server.sysmail.port=" + smtpPort);

            FerryProcess.Result validated = FerryProcess.run(env, jvm, List.of("validate", routes.toString()));
            assertEquals(0, validated.exitCode(), validated.output());
            assertEquals("OK: 4 route file(s), 4 route(s), configuration valid", validated.output().strip());

            Path envIn = Files.createDirectories(ftp.getRoot().resolve("env-in"));
            Path sysIn = Files.createDirectories(ftp.getRoot().resolve("sys-in"));
            try (FerryNode node = FerryNode.start("env-servers", jvm, env, dir.resolve("ferry.log"))) {
                String name = TestFiles.uniqueName(".bin");
                byte[] toPartner = TestFiles.randomBytes(3000);
                byte[] toSys = TestFiles.randomBytes(4000);
                byte[] toDesk = TestFiles.randomBytes(5000);
                byte[] toSysDesk = TestFiles.randomBytes(6000);
                drop(dir.resolve("partner-out"), name, toPartner);
                drop(dir.resolve("sys-out"), name, toSys);
                drop(dir.resolve("desk"), name, toDesk);
                drop(dir.resolve("sysdesk"), name, toSysDesk);
                await("the file on the FTP server in /env-in").atMost(Duration.ofSeconds(30))
                        .until(() -> Files.exists(envIn.resolve(name)) && Files.size(envIn.resolve(name)) == toPartner.length);
                assertArrayEquals(toPartner, Files.readAllBytes(envIn.resolve(name)));
                await("the file on the FTP server in /sys-in").atMost(Duration.ofSeconds(30))
                        .until(() -> Files.exists(sysIn.resolve(name)) && Files.size(sysIn.resolve(name)) == toSys.length);
                assertArrayEquals(toSys, Files.readAllBytes(sysIn.resolve(name)));
                assertArrayEquals(toDesk, Mails.attachment(mailTo(smtp, "desk@example.org"), name));
                assertArrayEquals(toSysDesk, Mails.attachment(mailTo(smtp, "sys@example.org"), name));
            }
        } finally {
            smtp.stop();
            ftp.stop();
        }
    }

    @Test
    void should_list_a_server_from_the_environment_by_its_lower_case_name_with_dashes() throws Exception {
        Path routes = Files.createDirectories(Path.of("target", "test-data", TestFiles.uniqueName("-env-names")).toAbsolutePath());
        flow(routes, "underscored", "publish", "server: partner_x", "outbox: " + routes.resolve("out"));
        FerryProcess.Result r = FerryProcess.run(Map.of("SERVER_PARTNER_X_HOST", "127.0.0.1",
                        // a bare SERVER_PORT (set by many images for something else) names no server
                        "SERVER_PORT", "8080", "MAIL_SERVER_DESK_TRUST_STORE_PASSWORD", "x"),
                List.of(), List.of("validate", routes.toString()));
        assertEquals(1, r.exitCode(), r.output());
        assertEquals(List.of(routes.resolve("underscored.camel.yaml") + " (line 6): flow underscored: server 'partner_x' is not"
                        + " defined; defined: default, partner-x",
                "FAILED: 1 problem(s) in 1 route file(s)"), r.output().strip().lines().toList());
    }

    private static void drop(Path folder, String name, byte[] content) throws Exception {
        Files.createDirectories(folder);
        Path staged = Files.write(folder.getParent().resolve("." + folder.getFileName() + "-" + name), content);
        Files.move(staged, folder.resolve(name));
    }

    private static MimeMessage mailTo(GreenMail smtp, String recipient) {
        return await("a mail to " + recipient).atMost(Duration.ofSeconds(30)).until(() -> {
            for (MimeMessage m : smtp.getReceivedMessages()) {
                if (m.getAllRecipients() != null && m.getAllRecipients()[0].toString().equals(recipient)) {
                    return m;
                }
            }
            return null;
        }, m -> m != null);
    }
}
