package ferry.ssh;

import org.apache.camel.component.file.remote.RemoteFileOperations;
import org.apache.camel.component.file.remote.SftpConfiguration;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.apache.camel.component.file.remote.SftpRemoteFile;

/** An {@code sftp:} endpoint whose SSH sessions check the server's key with a {@link HostKeyCheck} when given one. */
public class CheckedSftpEndpoint extends SftpEndpoint {

    private HostKeyCheck hostKeys;

    public CheckedSftpEndpoint(String uri, CheckedSftpComponent component, SftpConfiguration configuration) {
        super(uri, component, configuration);
    }

    /** Set before the endpoint's consumer or producer is created; null leaves camel's own known_hosts check. */
    public void setHostKeyCheck(HostKeyCheck hostKeys) {
        this.hostKeys = hostKeys;
    }

    @Override
    public RemoteFileOperations<SftpRemoteFile> createRemoteFileOperations() {
        CheckedSftpOperations operations = new CheckedSftpOperations(getProxy(), hostKeys);
        operations.setEndpoint(this);
        return operations;
    }
}
