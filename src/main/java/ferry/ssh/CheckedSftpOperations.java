package ferry.ssh;

import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Proxy;
import com.jcraft.jsch.Session;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.apache.camel.component.file.remote.RemoteFileConfiguration;
import org.apache.camel.component.file.remote.SftpOperations;

/** camel's SFTP operations with Ferry's host key check on every session they open (each connect and reconnect). */
class CheckedSftpOperations extends SftpOperations {

    private final HostKeyCheck hostKeys;

    CheckedSftpOperations(Proxy proxy, HostKeyCheck hostKeys) {
        super(proxy);
        this.hostKeys = hostKeys;
    }

    /**
     * JSch lets the host key check's exception through as it is, and camel handles only JSchException on connect:
     * carried as camel's own connect failure, a refused key is logged and retried by a consumer (instead of stopping
     * Ferry's start) and fails a producer's exchange with the message naming host and fingerprints.
     */
    @Override
    public boolean connect(RemoteFileConfiguration configuration, Exchange exchange) {
        try {
            return super.connect(configuration, exchange);
        } catch (HostKeyRefusedException e) {
            throw new GenericFileOperationFailedException(e.getMessage(), e);
        }
    }

    @Override
    protected Session createSession(RemoteFileConfiguration configuration) throws JSchException {
        Session session = super.createSession(configuration);
        if (hostKeys != null) {
            // the session's own repository wins over the known_hosts camel loaded into its JSch object
            session.setHostKeyRepository(hostKeys);
            session.setConfig("StrictHostKeyChecking", "yes");
        }
        return session;
    }
}
