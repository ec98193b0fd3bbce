package ferry.routes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ferry.ftplib.RemoteClaims;
import ferry.ftplib.RemoteFile;
import ferry.ledger.LedgerRepository;
import ferry.ledger.LedgerService;
import org.apache.camel.CamelContext;

/** A workflow's claims on the files of its remote folder, in the ledger under {@link RemoteFolder#ledgerKey}. */
final class LedgerClaims implements RemoteClaims {

    private final CamelContext context;
    private final String workflow;
    private final String protocol;
    private final String host;
    private final String port;

    LedgerClaims(CamelContext context, String workflow, String protocol, String host, String port) {
        this.context = context;
        this.workflow = workflow;
        this.protocol = protocol;
        this.host = host;
        this.port = port;
    }

    @Override
    public List<RemoteFile> claim(List<RemoteFile> files, int max) {
        Map<String, RemoteFile> byKey = new LinkedHashMap<>();
        files.forEach(f -> byKey.put(key(f), f));
        List<RemoteFile> ours = new ArrayList<>();
        for (String key : repository().claimBatch(new ArrayList<>(byKey.keySet()), max)) {
            ours.add(byKey.get(key));
        }
        return ours;
    }

    @Override
    public void release(RemoteFile file) {
        repository().remove(key(file));
    }

    /** The same text the route's {@code ledgerKey} expression builds from the consumer's headers. */
    private String key(RemoteFile f) {
        return RemoteFolder.ledgerKey(workflow, protocol, host, port)
                .replace("${file:absolute.path}", f.path())
                .replace("${file:size}", String.valueOf(f.size()))
                .replace("${header.CamelFileLastModified}", String.valueOf(f.millis()));
    }

    private LedgerRepository repository() {
        LedgerRepository repository = context.getRegistry().lookupByNameAndType(LedgerService.REPOSITORY,
                LedgerRepository.class);
        if (repository == null) {
            throw new IllegalStateException("no ledger (bean '" + LedgerService.REPOSITORY + "'): files cannot be claimed");
        }
        return repository;
    }
}
