package org.rostersync;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The documentation is whole in the repository: every link of README.md, CONTRIBUTING.md and docs/*.md names a file
 * (and a heading, after {@code #}) that the repository holds. Only web addresses lead elsewhere.
 */
class DocumentationLinksTest {

    /** {@code [text](target)} or {@code [text](target "title")}; the text may run over lines. */
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern CODE = Pattern.compile("(?s)```.*?```|`[^`]*`");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*#*\\s*$");
    private static final Pattern WEB = Pattern.compile("^https?://.+");
    private static final Path ROOT = Path.of("").toAbsolutePath();

    @Test
    void everyLinkLeadsToAFileAndHeadingOfTheRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path doc : documents()) {
            for (String target : links(Files.readString(doc))) {
                String problem = problem(doc, target);
                if (problem != null) {
                    broken.add(ROOT.relativize(doc) + ": (" + target + ") " + problem);
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void everyDocumentIsLinkedFromAnother() throws IOException {
        Set<Path> linked = new HashSet<>();
        for (Path doc : documents()) {
            for (String target : links(Files.readString(doc))) {
                String file = target.replaceFirst("#.*", "");
                Path to = doc.getParent().resolve(file).normalize();
                if (!file.isEmpty() && !WEB.matcher(target).matches() && !to.equals(doc)) {
                    linked.add(to);
                }
            }
        }
        List<String> orphans = documents().stream()
                .filter(doc -> !doc.equals(ROOT.resolve("README.md")) && !linked.contains(doc))
                .map(doc -> ROOT.relativize(doc).toString())
                .toList();
        assertEquals(List.of(), orphans, "documents no other document links: the README is the front door");
    }

    @Test
    void aLinkOutOfTheRepositoryOrToAMissingHeadingIsCaught() throws IOException {
        Path readme = ROOT.resolve("README.md");
        assertEquals("points outside the repository", problem(readme, "../shared/ARCHITECTURE.md"));
        assertEquals("names no file", problem(readme, "docs/no-such-guide.md"));
        assertEquals("names no heading of README.md", problem(readme, "#no-such-heading"));
        assertEquals(null, problem(readme, "docs/api.md#authenticating-api-clients"));
    }

    @Test
    void headingsGetGitHubsAnchors() {
        assertEquals("admin-api-http-basic-user-admin", slug("Admin API (HTTP Basic, user `admin`)"));
        assertEquals("guessing-operators-passwords", slug("Guessing operators' passwords"));
        assertEquals("oneroster-11-rest-api-an-api-clients-bearer-token", slug("OneRoster 1.1 REST API (an API client's bearer token"));
        assertEquals(Set.of("runs", "runs-1"), anchors("## Runs\n\n```\n# not a heading\n```\n### Runs\n"));
    }

    private static List<Path> documents() throws IOException {
        List<Path> out = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("CONTRIBUTING.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(out::add);
        }
        return out;
    }

    static List<String> links(String markdown) {
        List<String> out = new ArrayList<>();
        Matcher m = LINK.matcher(CODE.matcher(markdown).replaceAll(""));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** What is wrong with a link of {@code doc}, or null. */
    private static String problem(Path doc, String target) throws IOException {
        if (WEB.matcher(target).matches()) {
            return null;
        }
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return "is neither a web address nor a file of the repository";
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path path = file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
        if (!path.startsWith(ROOT)) {
            return "points outside the repository";
        }
        if (!Files.exists(path)) {
            return "names no file";
        }
        if (hash >= 0 && !anchors(Files.readString(path)).contains(target.substring(hash + 1))) {
            return "names no heading of " + ROOT.relativize(path);
        }
        return null;
    }

    /** The anchors GitHub gives a Markdown file's headings. */
    static Set<String> anchors(String markdown) {
        Set<String> out = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        Matcher m = HEADING.matcher(markdown.replaceAll("(?s)```.*?```", ""));
        while (m.find()) {
            String slug = slug(m.group(1));
            int times = seen.merge(slug, 1, Integer::sum);
            out.add(times == 1 ? slug : slug + "-" + (times - 1));
        }
        return out;
    }

    static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1").replace("`", "").toLowerCase(Locale.ROOT);
        return text.replaceAll("[^\\p{L}\\p{N}\\s_-]", "").replace(' ', '-');
    }
}
