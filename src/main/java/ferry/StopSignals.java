package ferry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Says which signal stops Ferry. Camel's shutdown hook cannot tell and reports every stop as SIGTERM (its line is
 * filtered in log4j2.xml); Ctrl-C is SIGINT. The JVM's own handling then runs: shutdown hooks, exit 128+n.
 */
final class StopSignals {

    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);

    private StopSignals() {
    }

    static void install() {
        for (String name : new String[] {"INT", "TERM", "HUP"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    LOG.info("Ferry stopping (SIG{})", signal.getName());
                    System.exit(128 + signal.getNumber());
                });
            } catch (IllegalArgumentException e) {
                // a signal this platform does not have (or one the JVM reserves): its default handling stays
                LOG.debug("No handler for SIG{}: {}", name, e.getMessage());
            }
        }
    }
}
