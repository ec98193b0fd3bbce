package ferry.ssh;

import java.util.Map;

import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.remote.SftpComponent;
import org.apache.camel.component.file.remote.SftpComponentConfigurer;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.apache.camel.component.file.remote.SftpEndpointConfigurer;
import org.apache.camel.component.file.remote.SftpRemoteFile;
import org.apache.camel.spi.PropertyConfigurer;

/**
 * camel-ftp's {@code sftp:} component, bound under the same name, whose endpoints can carry Ferry's
 * {@link HostKeyCheck}. camel-ftp creates its JSch object inside each connect and offers no option for a custom
 * host key repository or a pinned fingerprint; its endpoints are otherwise untouched.
 */
public class CheckedSftpComponent extends SftpComponent {

    /** The registry name: replaces the stock component for every {@code sftp:} endpoint. */
    public static final String NAME = "sftp";

    // camel finds an endpoint's option setters by the component's class name: a subclass must name the stock ones,
    // or every option of the sftp configuration (username, knownHostsFile, ...) is reported unknown
    private final PropertyConfigurer endpointOptions = new SftpEndpointConfigurer();
    private final PropertyConfigurer componentOptions = new SftpComponentConfigurer();

    @Override
    public PropertyConfigurer getEndpointPropertyConfigurer() {
        return endpointOptions;
    }

    @Override
    public PropertyConfigurer getComponentPropertyConfigurer() {
        return componentOptions;
    }

    @Override
    protected GenericFileEndpoint<SftpRemoteFile> buildFileEndpoint(String uri, String remaining,
                                                                    Map<String, Object> parameters) throws Exception {
        SftpEndpoint stock = (SftpEndpoint) super.buildFileEndpoint(uri, remaining, parameters);
        return new CheckedSftpEndpoint(uri, this, stock.getConfiguration());
    }
}
