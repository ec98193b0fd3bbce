package ferry.flows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import ferry.support.FerryApp;
import ferry.support.Mails;
import ferry.support.SftpServer;
import ferry.support.TestCertificate;
import ferry.support.TestFiles;
import ferry.support.Vsftpd;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One Ferry, several partners: flows to three real servers at once (the embedded MINA FTP server, vsftpd over
 * explicit FTPS, MINA SSHD over SFTP), each mailing its own recipient, plus a local-to-mail flow and a relay; one
 * server stopped mid-run while the others keep delivering, and nothing lost when it is back.
 */
class FlowsTest {

    @Test
    void should_serve_three_servers_at_once_and_keep_delivering_while_one_is_down() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "test-data", TestFiles.uniqueName("-flows")).toAbsolutePath());
        TestCertificate cert = TestCertificate.create(dir.resolve("tls"));
        Path routes = Files.createDirectories(dir.resolve("data/routes"));
        flow(routes, "acme-mail", "ftp-to-mail", "server: default", "remoteDir: /acme", "mailTo: acme@example.org",
                "exclude: \"*.tmp\"");
        flow(routes, "globex-mail", "ftp-to-mail", "server: globex", "remoteDir: in", "mailTo: globex@example.org");
        flow(routes, "initech-mail", "ftp-to-mail", "server: initech", "remoteDir: /in", "mailTo: initech@example.org",
                "cc: audit@example.org", "subject: \"Initech sent {file}\"");
        flow(routes, "desk-mail", "local-to-mail", "outbox: " + dir.resolve("desk"), "mailTo: desk@example.org",
                "mailToByName: \"invoice-*.pdf=finance@example.org\"", "exclude: \"*.tmp\"");
        flow(routes, "acme-to-globex", "relay", "server: default", "remoteDir: /relay", "targetServer: globex",
                "targetDir: from-acme");
        try (Vsftpd globex = Vsftpd.startTls(cert, false);
             SftpServer initech = SftpServer.start(dir.resolve("sftp"), "initech", "initech-pw")) {
            Path password = Files.writeString(dir.resolve("globex.password"), Vsftpd.PASSWORD + "\n");
            Map<String, String> settings = new HashMap<>();
            settings.put("server.globex.protocol", "ftps");
            settings.put("server.globex.host", "127.0.0.1");
            settings.put("server.globex.port", String.valueOf(globex.port()));
            settings.put("server.globex.username", Vsftpd.USER);
            settings.put("server.globex.password-file", password.toString());
            settings.put("server.globex.trust-store", cert.trustStore().toString());
            settings.put("server.globex.trust-store-password", cert.password());
            settings.put("server.initech.protocol", "sftp");
            settings.put("server.initech.host", "127.0.0.1");
            settings.put("server.initech.port", String.valueOf(initech.port()));
            settings.put("server.initech.username", "initech");
            settings.put("server.initech.password", "initech-pw");
            settings.put("server.initech.host-key-fingerprint", initech.fingerprint());
            try (FerryApp app = FerryApp.start(dir.resolve("data"), settings)) {
                Path acme = Files.createDirectories(app.ftpRoot().resolve("acme"));
                Path globexIn = vsftpdFolder(globex, "in");
                // a target folder must exist, as for publish
                vsftpdFolder(globex, "from-acme");
                Path initechIn = Files.createDirectories(initech.root().resolve("in"));

                // the same name in three flows (and a fourth, local one): each flow delivers its own
                String same = TestFiles.uniqueName(".csv");
                byte[] fromAcme = TestFiles.randomBytes(3000);
                byte[] fromGlobex = TestFiles.randomBytes(4000);
                byte[] fromInitech = TestFiles.randomBytes(5000);
                byte[] fromDesk = TestFiles.randomBytes(6000);
                Files.write(acme.resolve(same), fromAcme);
                String acmeLeft = "left-" + TestFiles.uniqueName(".tmp");
                Files.write(acme.resolve(acmeLeft), TestFiles.randomBytes(10));
                putOnVsftpd(globexIn, same, fromGlobex);
                Files.write(initechIn.resolve(same), fromInitech);
                Path desk = Files.createDirectories(dir.resolve("desk"));
                Files.write(desk.resolve(same), fromDesk);
                String invoice = "invoice-" + TestFiles.uniqueName(".pdf");
                Files.write(desk.resolve(invoice), TestFiles.randomBytes(100));
                Files.write(desk.resolve("left-" + TestFiles.uniqueName(".tmp")), TestFiles.randomBytes(10));
                String relayed = TestFiles.uniqueName(".bin");
                byte[] relayBytes = TestFiles.randomBytes(70_000);
                Files.write(Files.createDirectories(app.ftpRoot().resolve("relay")).resolve(relayed), relayBytes);

                assertArrayEquals(fromAcme, attachmentTo(app, "acme@example.org", same));
                assertArrayEquals(fromGlobex, attachmentTo(app, "globex@example.org", same));
                assertArrayEquals(fromInitech, attachmentTo(app, "initech@example.org", same));
                assertArrayEquals(fromDesk, attachmentTo(app, "desk@example.org", same));
                MimeMessage initechMail = mailTo(app, "initech@example.org", same);
                assertEquals("Initech sent " + same, initechMail.getSubject());
                assertEquals("audit@example.org", initechMail.getRecipients(Message.RecipientType.CC)[0].toString());
                mailTo(app, "finance@example.org", invoice);
                Path relayedThere = globex.root().resolve("from-acme").resolve(relayed);
                await("relayed file on vsftpd " + relayedThere).atMost(Duration.ofSeconds(30)).until(() -> Files.exists(relayedThere));
                assertArrayEquals(relayBytes, Files.readAllBytes(relayedThere));
                assertTrue(Files.exists(acme.resolve(".done").resolve(same)), "acme's file moved to .done");
                try (var left = Files.list(desk)) {
                    assertEquals(1, left.filter(p -> p.getFileName().toString().endsWith(".tmp")).count(),
                            "an excluded file stays where it is");
                }

                // initech goes down: acme and globex keep delivering; initech's file waits, and arrives once it is back
                initech.stop();
                String whileDown = TestFiles.uniqueName(".txt");
                Files.write(initechIn.resolve(whileDown), TestFiles.randomBytes(700));
                String acmeLater = TestFiles.uniqueName(".txt");
                String globexLater = TestFiles.uniqueName(".txt");
                Files.write(acme.resolve(acmeLater), TestFiles.randomBytes(800));
                putOnVsftpd(globexIn, globexLater, TestFiles.randomBytes(900));
                mailTo(app, "acme@example.org", acmeLater);
                mailTo(app, "globex@example.org", globexLater);
                // its own health entry says which flow cannot reach which server; the others' stay up
                String down = await("initech-mail's health entry DOWN").atMost(Duration.ofSeconds(30))
                        .until(() -> downChecks(app), d -> d.contains("initech-mail: cannot poll sftp://127.0.0.1:" + initech.port() + "/in"));
                assertFalse(down.contains("acme-mail") || down.contains("globex-mail") || down.contains("desk-mail"), down);
                assertTrue(Files.exists(initechIn.resolve(whileDown)), "initech's file is still there while initech is down");
                initech.restart();
                mailTo(app, "initech@example.org", whileDown);
                await("initech's file moved to .done").atMost(Duration.ofSeconds(20))
                        .until(() -> Files.exists(initechIn.resolve(".done").resolve(whileDown)));

                // nothing twice: one copy per file and recipient (initech's flow copies audit@, so two there)
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> count(app, same) == 5);
                assertEquals(2, count(app, whileDown));
                assertFalse(Files.exists(app.data("failed").resolve(same + ".error")), "no failure report");
                // the remote folder's listing leaves out what the flow excludes: not mailed, not moved
                assertTrue(Files.exists(acme.resolve(acmeLeft)), "an excluded remote file stays where it is");
                assertEquals(0, count(app, acmeLeft), "an excluded remote file is not mailed");
            }
        }
    }

    /** Writes a flow file in the form docs/flows.md shows: one templatedRoute, the route id the file's stem. */
    static Path flow(Path routes, String name, String kind, String... parameters) throws Exception {
        StringBuilder yaml = new StringBuilder("- templatedRoute:\n    routeTemplateRef: " + kind + "\n    routeId: " + name
                + "\n    parameters:\n");
        for (String p : parameters) {
            int colon = p.indexOf(": ");
            yaml.append("      - name: ").append(p, 0, colon).append("\n        value: ").append(p.substring(colon + 2)).append('\n');
        }
        return Files.writeString(routes.resolve(name + ".camel.yaml"), yaml.toString());
    }

    private static Path vsftpdFolder(Vsftpd vsftpd, String name) throws Exception {
        Path folder = Files.createDirectories(vsftpd.root().resolve(name));
        chown(folder);
        return folder;
    }

    /** A file put on vsftpd's disk as its FTP user owns it, so the server can move it to .done. */
    private static void putOnVsftpd(Path folder, String name, byte[] content) throws Exception {
        Path staged = Files.write(folder.resolve("." + name + ".staged"), content);
        chown(staged);
        Files.move(staged, folder.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static void chown(Path path) throws Exception {
        Process p = new ProcessBuilder("chown", Vsftpd.USER + ":" + Vsftpd.USER, path.toString()).inheritIO().start();
        assertEquals(0, p.waitFor(), "chown " + path);
    }

    /** The readiness checks that are DOWN, as "id: message" lines. */
    private static String downChecks(FerryApp app) {
        StringBuilder down = new StringBuilder();
        for (HealthCheck.Result r : HealthCheckHelper.invokeReadiness(app.context())) {
            if (r.getState() == HealthCheck.State.DOWN) {
                down.append(r.getCheck().getId()).append(": ").append(r.getMessage().orElse(""))
                        .append(r.getError().map(e -> " " + e.getMessage()).orElse("")).append('\n');
            }
        }
        return down.toString();
    }

    private static MimeMessage mailTo(FerryApp app, String recipient, String name) {
        return await("a mail to " + recipient + " about " + name).atMost(Duration.ofSeconds(30))
                .until(() -> find(app, recipient, name), m -> m != null);
    }

    private static byte[] attachmentTo(FerryApp app, String recipient, String name) throws Exception {
        return Mails.attachment(mailTo(app, recipient, name), name);
    }

    private static MimeMessage find(FerryApp app, String recipient, String name) throws Exception {
        for (MimeMessage m : app.greenMail().getReceivedMessages()) {
            if (m.getSubject() != null && m.getSubject().contains(name) && m.getAllRecipients() != null
                    && Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(recipient))) {
                return m;
            }
        }
        return null;
    }

    private static long count(FerryApp app, String name) throws Exception {
        long n = 0;
        for (MimeMessage m : app.greenMail().getReceivedMessages()) {
            if (m.getSubject() != null && m.getSubject().contains(name)) {
                n++;
            }
        }
        return n;
    }
}
