package ferry.console;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Who may use the management port. On a loopback address anyone on this machine may (as for health). Bound
 * anywhere else, every request needs the token ({@code ferry.console.token}): header {@code X-Ferry-Token} or
 * {@code Authorization: Bearer}, or {@code ?token=} to open the page. Actions are POSTs that must carry the
 * {@code X-Ferry-Console} header, which a cross-site form or image cannot send, and a foreign {@code Origin}
 * is refused: no other web site can press a button for the operator.
 */
final class ConsoleAccess implements Handler<RoutingContext> {

    static final String TOKEN_HEADER = "X-Ferry-Token";
    static final String ACTION_HEADER = "X-Ferry-Console";

    private final String token;
    private final boolean tokenNeeded;

    ConsoleAccess(String host, String token) {
        this.token = token == null ? "" : token.trim();
        this.tokenNeeded = !isLoopback(host);
    }

    /** A non-loopback address without a token would open the console to the network: refuse to start. */
    void check(String host) {
        if (tokenNeeded && token.isEmpty()) {
            throw new IllegalStateException("camel.management.host=" + host + " is not a loopback address: set "
                    + "ferry.console.token (or FERRY_CONSOLE_TOKEN) so that only who has it can use the console");
        }
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (tokenNeeded && !tokenGiven(ctx)) {
            ctx.response().setStatusCode(401).putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("401: this console needs its token (header " + TOKEN_HEADER + ", or open /?token=...)\n");
            return;
        }
        if (ctx.request().method() == HttpMethod.POST && !sameSite(ctx)) {
            ctx.response().setStatusCode(403).putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("403: actions need the " + ACTION_HEADER + " header and this console's own origin\n");
            return;
        }
        ctx.response().putHeader("X-Content-Type-Options", "nosniff").putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer");
        ctx.next();
    }

    private boolean tokenGiven(RoutingContext ctx) {
        String given = ctx.request().getHeader(TOKEN_HEADER);
        String auth = ctx.request().getHeader("Authorization");
        if (given == null && auth != null && auth.startsWith("Bearer ")) {
            given = auth.substring("Bearer ".length());
        }
        if (given == null && ctx.request().method() == HttpMethod.GET) {
            given = ctx.request().getParam("token");
        }
        // constant time: the comparison must not tell how much of a guess was right
        return given != null && MessageDigest.isEqual(given.trim().getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean sameSite(RoutingContext ctx) {
        if (ctx.request().getHeader(ACTION_HEADER) == null) {
            return false;
        }
        String origin = ctx.request().getHeader("Origin");
        String host = ctx.request().getHeader("Host");
        // no Origin: not a browser's cross-site request (curl, the command line)
        return origin == null || host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
    }

    static boolean isLoopback(String host) {
        try {
            return host != null && !host.isBlank() && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
