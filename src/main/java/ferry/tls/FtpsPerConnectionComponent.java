package ferry.tls;

import java.net.URI;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.remote.FtpUtils;
import org.apache.camel.component.file.remote.FtpsComponent;
import org.apache.camel.component.file.remote.FtpsConfiguration;
import org.apache.camel.component.file.remote.FtpsEndpoint;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.camel.spi.annotations.Component;
import org.apache.commons.net.ftp.FTPFile;

/**
 * camel-ftps with Ferry's FTPS client made afresh for every connection. Stock camel-ftps takes one custom client
 * per endpoint and hands that same object to every producer, so parallel uploads would share one socket; here each
 * producer (and the consumer) gets its own session-reusing client from the endpoint's factory.
 * Annotated as camel-ftps is, so Camel's generated option configurers for ftps apply to it unchanged.
 */
@Component("ftps")
public class FtpsPerConnectionComponent extends FtpsComponent {

    @Override
    protected GenericFileEndpoint<FTPFile> buildFileEndpoint(String uri, String remaining, Map<String, Object> parameters)
            throws Exception {
        FtpsConfiguration config = new FtpsConfiguration(new URI(getBaseUri(uri)));
        FtpUtils.ensureRelativeFtpDirectory(this, config);
        Endpoint endpoint = new Endpoint(uri, this, config);
        extractAndSetFtpClientKeyStoreParameters(parameters, endpoint);
        extractAndSetFtpClientTrustStoreParameters(parameters, endpoint);
        extractAndSetFtpClientConfigParameters(parameters, endpoint);
        extractAndSetFtpClientParameters(parameters, endpoint);
        return endpoint;
    }

    /** An ftps endpoint whose connections each get a client from {@link #setClients}. */
    public static class Endpoint extends FtpsEndpoint {

        private Supplier<FTPClient> clients;

        Endpoint(String uri, FtpsComponent component, FtpsConfiguration configuration) {
            super(uri, component, configuration);
        }

        public void setClients(Supplier<FTPClient> clients) {
            this.clients = clients;
        }

        @Override
        protected FTPClient createFtpClient() throws Exception {
            return clients == null ? super.createFtpClient() : clients.get();
        }
    }
}
