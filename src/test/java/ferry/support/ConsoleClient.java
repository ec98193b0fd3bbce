package ferry.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Talks to a running Ferry's console API over real HTTP, as the page and the command line do. */
public final class ConsoleClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public ConsoleClient(FerryApp app) {
        this.base = "http://127.0.0.1:" + app.managementPort();
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A POST as the page sends it (with the console's action header). */
    public HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("X-Ferry-Console", "1").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public JsonObject overview() throws IOException, InterruptedException {
        return new JsonObject(get("/api/overview").body());
    }

    /** The failed file called {@code name} in the overview, or null. */
    public JsonObject failed(String name) throws IOException, InterruptedException {
        return overview().getJsonArray("failed").stream().map(JsonObject.class::cast)
                .filter(f -> name.equals(f.getString("name"))).findFirst().orElse(null);
    }

    public JsonArray journey(String name) throws IOException, InterruptedException {
        return new JsonArray(get("/api/journey?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)).body());
    }
}
