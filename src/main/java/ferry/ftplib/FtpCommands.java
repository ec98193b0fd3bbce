package ferry.ftplib;

import java.io.IOException;

import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPReply;

/**
 * commons-net's FTP client with every reply checked, as camel-ftp checks each boolean: a refusal or a broken
 * connection becomes the matching {@link FtpException}, with the server's reply code and text.
 */
final class FtpCommands {

    /** One commons-net call. */
    @FunctionalInterface
    interface FtpCall<T> {
        T call() throws IOException;
    }

    /** Where a step's reply goes: the session's replyCode and replyText. */
    @FunctionalInterface
    interface StepReply {
        void take(int code, String text);
    }

    private final FTPClient client;
    private final String server;
    private final StepReply steps;

    FtpCommands(FTPClient client, String server, StepReply steps) {
        this.client = client;
        this.server = server;
        this.steps = steps;
    }

    /** Takes the reply just read as the step's own; returns {@code result}. */
    <T> T step(T result) {
        steps.take(client.getReplyCode(), lastText());
        return result;
    }

    /** The client's latest reply code, whatever command it answered. */
    int code() {
        return client.getReplyCode();
    }

    /** The client's latest reply text, whatever command it answered. */
    String lastText() {
        String text = client.getReplyString();
        return text == null ? "" : text.strip();
    }

    /** Runs {@code call}; an I/O failure is a connection, protocol or (421) temporary failure of {@code operation}. */
    <T> T run(String operation, String path, FtpCall<T> call) throws FtpException {
        try {
            return call.call();
        } catch (IOException e) {
            throw FtpFailures.io(operation, path, server, e, client.getReplyCode(), lastText());
        }
    }

    /** Runs a call that answers whether the server accepted it; a refusal is the failure its reply code says. */
    void expect(String operation, String path, FtpCall<Boolean> call) throws FtpException {
        expect(operation, path, run(operation, path, call));
    }

    void expect(String operation, String path, boolean ok) throws FtpException {
        if (!ok) {
            throw failure(operation, path, client.getReplyCode());
        }
    }

    /** A reply that is neither a completion (2xx) nor a preliminary one (1xx) fails {@code operation}. */
    void check(String operation, String path, int code) throws FtpException {
        if (!FTPReply.isPositiveCompletion(code) && !FTPReply.isPositivePreliminary(code)) {
            throw failure(operation, path, code);
        }
    }

    FtpException failure(String operation, String path, int code) {
        return FtpFailures.reply(operation, path, server, code, lastText());
    }
}
