package ferry.tls;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Locale;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

/**
 * Files a TLS session in the JDK's client session cache under another host:port, so that a new socket to
 * that address resumes it. JSSE offers no API for this; it needs
 * {@code --add-opens java.base/sun.security.ssl=ALL-UNNAMED --add-opens java.base/sun.security.util=ALL-UNNAMED}
 * (in the jar's manifest and in the test JVM's arguments).
 */
final class SessionCache {

    private SessionCache() {
    }

    /**
     * The session a new connection from {@code context} to host:port would resume, or null. With TLS 1.3 this
     * is the ticket the server sent after the handshake, not the handshake's own session.
     */
    static SSLSession resumable(SSLSessionContext context, String host, int port) throws ReflectiveOperationException {
        Method get = context.getClass().getDeclaredMethod("get", String.class, int.class);
        get.setAccessible(true);
        return (SSLSession) get.invoke(context, host, port);
    }

    /** Makes {@code session} the one resumed by the next connection to host:port. */
    static void fileUnder(SSLSessionContext context, String host, int port, SSLSession session)
            throws ReflectiveOperationException {
        Field field = context.getClass().getDeclaredField("sessionHostPortCache");
        field.setAccessible(true);
        Object cache = field.get(context);
        Method put = cache.getClass().getMethod("put", Object.class, Object.class);
        put.setAccessible(true);
        // the JDK's own key format: host:port in lower case
        put.invoke(cache, (host + ":" + port).toLowerCase(Locale.ENGLISH), session);
    }

    /**
     * Stops the context from offering TLS 1.2 session tickets, so servers hand out session ids instead: the JDK
     * drops tickets valid for more than a week, and vsftpd issues them for 68 years, which leaves nothing to resume.
     * Scoped to this context, unlike the global {@code jdk.tls.client.enableSessionTicketExtension}.
     */
    static void preferSessionIds(SSLSessionContext context) throws ReflectiveOperationException {
        Field field = context.getClass().getDeclaredField("statelessSession");
        field.setAccessible(true);
        field.setBoolean(context, false);
    }

    /**
     * Keeps a copy of a TLS 1.3 session's ticket (pre-shared key and identity): the JDK forgets both once the
     * ticket is used, while the server accepts it again for each data connection. Null for TLS 1.2 sessions.
     */
    static Ticket keepTicket(SSLSession session) throws ReflectiveOperationException {
        Object key = field(session, "preSharedKey");
        Object identity = field(session, "pskIdentity");
        return key == null || identity == null ? null : new Ticket(key, ((byte[]) identity).clone());
    }

    /** Puts a kept ticket back into its session, so the next connection offers it again. */
    static void restoreTicket(SSLSession session, Ticket ticket) throws ReflectiveOperationException {
        Field key = session.getClass().getDeclaredField("preSharedKey");
        key.setAccessible(true);
        key.set(session, ticket.key());
        Field identity = session.getClass().getDeclaredField("pskIdentity");
        identity.setAccessible(true);
        identity.set(session, ticket.identity().clone());
    }

    private static Object field(Object target, String name) throws ReflectiveOperationException {
        Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(target);
    }

    /** A TLS 1.3 ticket: the pre-shared key (a javax.crypto.SecretKey) and the identity the server knows it by. */
    record Ticket(Object key, byte[] identity) {
    }
}
