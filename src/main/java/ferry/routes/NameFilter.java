package ferry.routes;

import java.util.Arrays;
import java.util.List;

import org.apache.camel.RouteTemplateContext;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.apache.camel.util.AntPathMatcher;

/**
 * A flow's {@code include} and {@code exclude} name patterns ({@code invoice-*.pdf,*.csv}; {@code *} and {@code ?}
 * as in a shell): a file is taken when it matches an include (or there is none) and no exclude. A file left out
 * stays where it is, untouched.
 */
public final class NameFilter implements GenericFileFilter<Object> {

    private final List<String> include;
    private final List<String> exclude;

    public NameFilter(String include, String exclude) {
        this.include = patterns(include);
        this.exclude = patterns(exclude);
    }

    static NameFilter of(RouteTemplateContext rtc) {
        return new NameFilter(RemoteFolder.value(rtc, "include"), RemoteFolder.value(rtc, "exclude"));
    }

    /** Whether a file of this name is the flow's to take. */
    public boolean accepts(String name) {
        return (include.isEmpty() || include.stream().anyMatch(p -> matches(p, name)))
                && exclude.stream().noneMatch(p -> matches(p, name));
    }

    @Override
    public boolean accept(GenericFile<Object> file) {
        return file.isDirectory() || accepts(file.getFileNameOnly());
    }

    static boolean matches(String pattern, String name) {
        return AntPathMatcher.INSTANCE.match(pattern, name, true);
    }

    private static List<String> patterns(String value) {
        return value == null ? List.of()
                : Arrays.stream(value.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList();
    }
}
