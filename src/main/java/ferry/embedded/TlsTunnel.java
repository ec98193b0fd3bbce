package ferry.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.security.KeyStore;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS in front of a plain loopback server (SMTP over TLS for the embedded mail server), like stunnel:
 * GreenMail takes its TLS key only from JVM-wide settings read once, so Ferry terminates TLS itself with
 * the demo certificate and passes the bytes through unchanged.
 */
class TlsTunnel {

    private static final Logger LOG = LoggerFactory.getLogger(TlsTunnel.class);

    private final ServerSocket server;
    private final int target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    TlsTunnel(int port, int target, DemoCertificate cert) {
        this.target = target;
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(cert.keyStore())) {
                keys.load(in, cert.password().toCharArray());
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, cert.password().toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(kmf.getKeyManagers(), null, null);
            this.server = tls.getServerSocketFactory().createServerSocket(port, 50, InetAddress.getByName(EmbeddedMailServer.HOST));
        } catch (Exception e) {
            throw new IllegalStateException("embedded SMTP over TLS could not listen on " + EmbeddedMailServer.HOST + ":"
                    + port + ": " + e.getMessage(), e);
        }
    }

    void start() {
        Thread accept = new Thread(this::acceptLoop, "ferry-smtps-tunnel");
        accept.setDaemon(true);
        accept.start();
    }

    int getPort() {
        return server.getLocalPort();
    }

    void stop() {
        try {
            server.close();
        } catch (IOException e) {
            // closing a listener that is going away anyway
        }
        open.forEach(TlsTunnel::closeQuietly);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> serve((SSLSocket) client), "ferry-smtps-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.warn("Embedded SMTP over TLS: accept failed: {}", e.getMessage());
                }
            }
        }
    }

    private void serve(SSLSocket client) {
        try (client; Socket plain = new Socket(EmbeddedMailServer.HOST, target)) {
            open.add(client);
            open.add(plain);
            client.startHandshake();
            Thread up = new Thread(() -> pump(client, plain), "ferry-smtps-up");
            up.setDaemon(true);
            up.start();
            pump(plain, client);
            up.join();
        } catch (IOException e) {
            // a client that fails the handshake or hangs up: its session simply ends
            LOG.debug("Embedded SMTP over TLS session ended: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(client);
        }
    }

    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[64 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed: the other side is closed below
        } finally {
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing to save on a socket being thrown away
        }
    }
}
