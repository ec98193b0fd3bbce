package ferry.smtplib;

import ferry.pool.Reusable;

/**
 * A mail connection as the pool keeps it: used for at most {@code maxMessages} messages (servers and their
 * anti-abuse limits expect connections to end now and then), and never again after a failure, since the
 * conversation's state is then unknown.
 */
final class KeptConnection implements Reusable {

    private final MailConnection connection;
    private final int maxMessages;
    private int sent;

    KeptConnection(MailConnection connection, int maxMessages) {
        this.connection = connection;
        this.maxMessages = maxMessages;
    }

    MailConnection connection() {
        return connection;
    }

    void countMessage() {
        sent++;
    }

    @Override
    public boolean reusable() {
        return connection.isOpen() && sent < maxMessages;
    }

    @Override
    public void prepareForReuse() {
        // nothing to undo: after a delivered message the SMTP conversation is ready for the next MAIL FROM
    }

    @Override
    public boolean alive() {
        try {
            connection.noop();
            return true;
        } catch (SmtpException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public String server() {
        return connection.server();
    }

    @Override
    public String quit() {
        return connection.quit();
    }

    @Override
    public void close() {
        connection.close();
    }
}
