package ferry;

import java.nio.file.Files;
import java.nio.file.Path;

import ferry.routes.MailComposer;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A file name with a line break never reaches a mail header (SFTP servers allow such names). */
class MailHeaderTest {

    @Test
    void should_refuse_a_file_name_with_a_line_break() throws Exception {
        Path file = Files.writeString(Files.createDirectories(Path.of("target", "test-data")).resolve("header.txt"), "x");
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(file.toFile());
        exchange.getMessage().setHeader(Exchange.FILE_NAME_ONLY, "report.txt\r\nBcc: spy@example.org");
        exchange.setProperty(MailComposer.MAX_ATTACHMENT_SIZE, "20MB");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MailComposer().process(exchange));
        assertTrue(e.getMessage().contains("line break"), e.getMessage());
    }
}
