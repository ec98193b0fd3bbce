package ferry.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The README stays short (issue #18: at most ~200 lines) and leads to every reference page in docs/. */
class ReadmeTest {

    private static final Path README = Path.of("README.md");

    @Test
    void should_link_every_page_of_the_docs() throws IOException {
        String readme = Files.readString(README);
        Set<String> unlinked = new TreeSet<>();
        try (Stream<Path> pages = Files.list(Path.of("docs"))) {
            pages.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md"))
                    .filter(n -> !readme.contains("](docs/" + n + ")")).forEach(unlinked::add);
        }
        assertTrue(unlinked.isEmpty(), "docs/ pages " + README + " does not link: " + unlinked);
    }

    @Test
    void should_fit_in_200_lines() throws IOException {
        List<String> lines = Files.readAllLines(README);
        assertTrue(lines.size() <= 200, README + " has " + lines.size() + " lines; the reference belongs in docs/");
    }
}
