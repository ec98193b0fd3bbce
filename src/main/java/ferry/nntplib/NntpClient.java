package ferry.nntplib;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.apache.commons.net.io.CRLFLineReader;
import org.apache.commons.net.io.DotTerminatedMessageReader;
import org.apache.commons.net.io.DotTerminatedMessageWriter;
import org.apache.commons.net.nntp.NNTPClient;

/**
 * commons-net's NNTPClient with what it lacks for nntplib: STARTTLS (RFC 4642) on the open connection, and the
 * multi-line block after any command sent through {@link #sendCommand(String)} (CAPABILITIES, OVER, DATE ...).
 * commons-net reads and writes ISO-8859-1, one char per byte, so 8-bit articles pass through unchanged.
 */
final class NntpClient extends NNTPClient {

    /** Wraps the connection in TLS after the server's 382; {@code host} is the name the certificate must carry. */
    void startTls(SSLSocketFactory factory, String host, String[] protocols) throws IOException {
        SSLSocket ssl = (SSLSocket) factory.createSocket(_socket_, host, getRemotePort(), true);
        if (protocols != null) {
            ssl.setEnabledProtocols(protocols);
        }
        ssl.setUseClientMode(true);
        ssl.startHandshake();
        _socket_ = ssl;
        _input_ = ssl.getInputStream();
        _output_ = ssl.getOutputStream();
        _reader_ = new CRLFLineReader(new InputStreamReader(_input_, StandardCharsets.ISO_8859_1));
        _writer_ = new BufferedWriter(new OutputStreamWriter(_output_, StandardCharsets.ISO_8859_1));
    }

    /** The multi-line block that follows the last reply, dot-unstuffed, ending at the lone dot. */
    BufferedReader block() {
        return new DotTerminatedMessageReader(_reader_);
    }

    /** Writes a block (after POST's 340): lines get CR LF, leading dots doubled; closing sends the lone dot. */
    Writer blockWriter() {
        return new DotTerminatedMessageWriter(_writer_);
    }
}
