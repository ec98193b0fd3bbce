package ferry.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** The running instance's console API, as the page uses it; {@link #reachable} says whether one answers. */
final class ConsoleConnection {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String base;
    private final String token;

    ConsoleConnection(Settings settings) {
        String host = settings.get("camel.management.host");
        // a server bound to every address is reached on this machine's loopback
        if (host.isEmpty() || "0.0.0.0".equals(host) || "::".equals(host)) {
            host = "127.0.0.1";
        }
        this.base = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + settings.get("camel.management.port");
        this.token = settings.get("ferry.console.token");
    }

    String where() {
        return base;
    }

    boolean reachable() {
        try {
            return get("/api/flows").statusCode() < 500;
        } catch (IOException e) {
            return false;
        }
    }

    HttpResponse<String> get(String path) throws IOException {
        return send(request(path).GET());
    }

    HttpResponse<String> post(String path) throws IOException {
        return send(request(path).header("X-Ferry-Console", "1").POST(HttpRequest.BodyPublishers.noBody()));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        return token.isEmpty() ? b : b.header("X-Ferry-Token", token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 401) {
                throw new IOException("the console at " + base + " wants its token: set ferry.console.token or FERRY_CONSOLE_TOKEN");
            }
            return response;
        } catch (ConnectException | HttpTimeoutException e) {
            throw new IOException("no Ferry answers at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
