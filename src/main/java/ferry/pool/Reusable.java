package ferry.pool;

/** A logged-in connection that a {@link ConnectionPool} can keep between exchanges. */
public interface Reusable {

    /** Can another exchange use it as if it had just logged in (open, in step, not busy, not used up)? */
    boolean reusable();

    /** Back to the state right after login (for example the login folder again); throws when that fails. */
    void prepareForReuse() throws Exception;

    /** Does the server still answer (a NOOP)? */
    boolean alive();

    String server();

    /** Says goodbye politely and closes. */
    String quit();

    /** Closes without a goodbye. */
    void close();
}
