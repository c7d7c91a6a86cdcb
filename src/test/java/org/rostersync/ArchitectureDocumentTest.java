package org.rostersync;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/architecture.md, the package rules {@link ArchitectureTest} enforces and each {@code package-info.java} say the
 * same: every package is in the document's table, with exactly the packages its rule lets it use.
 */
class ArchitectureDocumentTest {

    private static final Path SOURCES = Path.of("src/main/java/org/rostersync");
    private static final String TOP = "org.rostersync";
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `([a-z.]+)` \\|.*\\| ([^|]*) \\|$");
    private static final Pattern CODE = Pattern.compile("`([a-z.]+)`");
    private static final Pattern JAVADOC_CODE = Pattern.compile("\\{@code ([a-z.]+)}");
    private static final String NOTHING = "nothing of ours";
    private static final String NO_CLASSES = "no classes";
    private static final String EVERY_PACKAGE = "every package";

    @Test
    void theDocumentDescribesEveryPackage() throws IOException {
        assertEquals(packages().keySet(), table().keySet(), "the packages of docs/architecture.md's table");
    }

    @Test
    void theDocumentGivesEachPackageTheRuleArchitectureTestEnforces() throws IOException {
        Map<String, String> table = table();
        Map<String, Boolean> packages = packages();
        List<String> wrong = new ArrayList<>();
        table.forEach((pkg, mayUse) -> {
            String expected = expectedMayUse(pkg, packages.getOrDefault(pkg, false));
            if (!expected.equals(normalised(mayUse))) {
                wrong.add(pkg + ": the document says \"" + mayUse + "\", the rule \"" + expected + "\"");
            }
        });
        assertEquals(List.of(), wrong);
    }

    @Test
    void eachPackageInfoNamesWhatItsPackageMayUse() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, List<String>> rule : ArchitectureTest.ALLOWED.entrySet()) {
            String doc = Files.readString(SOURCES.resolve(rule.getKey().replace('.', '/')).resolve("package-info.java"));
            Set<String> said = mayUse(doc);
            if (!said.equals(new TreeSet<>(rule.getValue()))) {
                wrong.add(rule.getKey() + ": package-info.java says " + said + ", the rule " + new TreeSet<>(rule.getValue()));
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyPackageHasAPackageInfo() throws IOException {
        List<String> without = packages().keySet().stream()
                .filter(pkg -> !Files.exists(SOURCES.resolve(pkg.equals(TOP) ? "" : pkg.replace('.', '/')).resolve("package-info.java")))
                .toList();
        assertEquals(List.of(), without, "packages without a package-info.java saying what lives there and what it may use");
    }

    /** What the document's "may use" cell must say of a package. */
    private static String expectedMayUse(String pkg, boolean hasClasses) {
        if (pkg.equals(TOP)) {
            return EVERY_PACKAGE;
        }
        List<String> allowed = ArchitectureTest.ALLOWED.get(pkg);
        if (allowed == null) {
            return hasClasses ? "(a package with classes needs a rule in ArchitectureTest)" : NO_CLASSES;
        }
        return allowed.isEmpty() ? NOTHING : String.join(", ", new TreeSet<>(allowed));
    }

    /** A "may use" cell as {@link #expectedMayUse} says it: its package names in order, or its words. */
    private static String normalised(String cell) {
        TreeSet<String> names = new TreeSet<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) {
            names.add(m.group(1));
        }
        if (!names.isEmpty()) {
            return String.join(", ", names);
        }
        for (String words : List.of(NOTHING, NO_CLASSES, EVERY_PACKAGE)) {
            if (cell.startsWith(words)) {
                return words;
            }
        }
        return cell;
    }

    /**
     * The packages a {@code package-info.java} says may be used: the {@code {@code ...}} names of its sentence "May use
     * ..." (up to a full stop or a semicolon; asides in parentheses left out), or none when it says "Uses nothing of ours".
     */
    static Set<String> mayUse(String packageInfo) {
        String text = packageInfo.replaceAll("\\s*\\*\\s*", " ");
        int start = text.indexOf("May use ");
        if (start < 0) {
            assertTrue(text.contains("Uses nothing of ours"), "a package-info.java says \"May use ...\" or \"Uses nothing of ours\"");
            return Set.of();
        }
        Matcher end = Pattern.compile("\\.(\\s|$)|;").matcher(text);
        String sentence = end.find(start) ? text.substring(start, end.start()) : text.substring(start);
        Set<String> out = new TreeSet<>();
        Matcher m = JAVADOC_CODE.matcher(sentence.replaceAll("\\([^)]*\\)", ""));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The document's table of packages: package → its "may use" cell. */
    private static Map<String, String> table() throws IOException {
        String doc = Files.readString(Path.of("docs/architecture.md"));
        int start = doc.indexOf("\n## Packages\n");
        assertTrue(start >= 0, "docs/architecture.md has a section ## Packages");
        Map<String, String> out = new TreeMap<>();
        Matcher m = ROW.matcher(doc.substring(start, doc.indexOf("\n## ", start + 1)));
        while (m.find()) {
            assertEquals(null, out.put(m.group(1), m.group(2).trim()), "one row per package: " + m.group(1));
        }
        return out;
    }

    /** Every package of src/main: name → whether it holds classes (more than its package-info.java). */
    private static Map<String, Boolean> packages() throws IOException {
        Map<String, Boolean> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                Path dir = SOURCES.relativize(f.getParent());
                String pkg = dir.toString().isEmpty() ? TOP : dir.toString().replace('/', '.');
                out.merge(pkg, !f.getFileName().toString().equals("package-info.java"), Boolean::logicalOr);
            });
        }
        return out;
    }
}
