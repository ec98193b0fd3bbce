package ferry.observe;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Readiness: can Ferry open a TCP connection to one of its servers (FTP, SMTP)? The host and port are read
 * at each check (the embedded servers publish theirs at startup); a result is reused for a few seconds so
 * frequent probes do not hammer the server.
 */
final class ServerReachableCheck extends AbstractHealthCheck {

    private final String hostKey;
    private final String portKey;
    private final int timeoutMillis;
    private final long cacheMillis;
    private long checkedAt;
    private String failure;
    private String target;

    ServerReachableCheck(String id, String hostKey, String portKey, int timeoutMillis, long cacheMillis) {
        super("ferry", id);
        this.hostKey = hostKey;
        this.portKey = portKey;
        this.timeoutMillis = timeoutMillis;
        this.cacheMillis = cacheMillis;
    }

    @Override
    public boolean isLiveness() {
        // a server being down is no reason to restart Ferry
        return false;
    }

    @Override
    protected synchronized void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        long now = System.currentTimeMillis();
        if (target == null || now - checkedAt >= cacheMillis) {
            probe();
            checkedAt = now;
        }
        builder.detail("server", target);
        if (failure == null) {
            builder.up();
        } else {
            builder.message(failure).down();
        }
    }

    private void probe() {
        PropertiesComponent pc = getCamelContext().getPropertiesComponent();
        String host = ferry.config.ConfigValues.get(pc, hostKey);
        int port = Integer.parseInt(pc.resolveProperty(portKey).orElse("0").trim());
        target = host + ":" + port;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            failure = null;
        } catch (IOException e) {
            failure = "cannot connect to " + target + " (" + hostKey + ", " + portKey + "): " + e.getMessage();
        }
    }
}
