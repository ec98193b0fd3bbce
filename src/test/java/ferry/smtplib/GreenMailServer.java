package ferry.smtplib;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A GreenMail server for one test class, on 127.0.0.1 and an ephemeral port (smtp or smtps). */
final class GreenMailServer implements BeforeAllCallback, AfterAllCallback {

    private final String protocol;
    private GreenMail greenMail;

    GreenMailServer(String protocol) {
        this.protocol = protocol;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", protocol));
        greenMail.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        greenMail.stop();
    }

    GreenMail get() {
        return greenMail;
    }

    int port() {
        return protocol.equals("smtps") ? greenMail.getSmtps().getPort() : greenMail.getSmtp().getPort();
    }
}
