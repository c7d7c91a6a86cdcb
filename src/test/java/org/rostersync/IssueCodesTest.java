package org.rostersync;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rostersync.report.IssueCode;
import org.rostersync.support.Zips;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalogue of issue codes: each raised by a delivery made for it (or another test), named in the sources only through it, and its table in the docs. */
class IssueCodesTest {

    private static final String ORGS = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\no1,,,One,school,,\n";
    private static final String MANIFEST = "propertyName,value\nmanifest.version,1.0\noneroster.version,1.1\n";

    @TempDir
    Path dir;

    @Test
    void manifestAndDeliveryCodes() throws IOException {
        Path d = delivery("manifest",
                "manifest.csv", "propertyName,value\nmanifest.version,1\nfile.courses,absent\nfile.users,sometimes\n",
                "orgs.csv", ORGS,
                "courses.csv", "sourcedId\n",
                "notes.txt", "hello");
        Set<String> codes = codes(d);
        for (String code : List.of("manifest.version_missing", "manifest.version_unexpected", "manifest.mode_missing",
                "manifest.file_declared_absent", "manifest.mode_invalid", "delivery.file_not_imported")) {
            assertTrue(codes.contains(code), code + " in " + codes);
        }
        assertTrue(codes(delivery("nomanifest", "orgs.csv", ORGS)).contains("manifest.missing"));
        Path unreadable = delivery("badmanifest", "orgs.csv", ORGS);
        Files.write(unreadable.resolve("manifest.csv"), new byte[]{'p', ',', (byte) 0x81, '\n'});
        assertTrue(codes(unreadable).contains("manifest.unreadable"));
    }

    @Test
    void headerCodes() throws IOException {
        assertTrue(codes(delivery("dup", "manifest.csv", MANIFEST + "file.orgs,bulk\n",
                "orgs.csv", "sourcedId,name,name\no1,a,b\n")).contains("schema.duplicate_header"));
        Set<String> codes = codes(delivery("headers", "manifest.csv", MANIFEST + "file.orgs,bulk\n",
                "orgs.csv", "SourcedId,name , type,vendorColumn\no1,One,school,x\n"));
        for (String code : List.of("schema.header_case", "schema.unknown_header", "schema.missing_header")) {
            assertTrue(codes.contains(code), code + " in " + codes);
        }
    }

    @Test
    void rowAndCsvCodes() throws IOException {
        Set<String> codes = codes(delivery("rows", "manifest.csv", MANIFEST + "file.orgs,bulk\nfile.academicSessions,bulk\nfile.users,bulk\n",
                "orgs.csv", ORGS + "\no2,gone,,Two,school,,\n",
                "academicSessions.csv", "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear\n"
                        + "s1,,,Year,schoolYear,2026-13-01,2027-06-11,,twenty\n",
                "users.csv", "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,grades\n"
                        + "u1,,,true,o1,student,u1,LDAP:u1,Ann,Lee,\", ,\"\n"));
        for (String code : List.of("row.blank_line", "row.invalid_status", "row.invalid_date", "row.invalid_year", "row.invalid_user_ids",
                "row.invalid_list")) {
            assertTrue(codes.contains(code), code + " in " + codes);
        }
        Path quoting = delivery("quoting", "manifest.csv", MANIFEST + "file.orgs,bulk\nfile.courses,bulk\nfile.users,bulk\n",
                "orgs.csv", ORGS + "o2,,,\"Two\"x,school,,\no3,,,Three," + "x".repeat(70_000) + ",,\n",
                "courses.csv", "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects\n"
                        + "c1,,,,\"Open,,,o1,\n");
        // UTF-8 text, then a Windows-1252 byte: the file stays UTF-8 and the row is reported
        Files.write(quoting.resolve("users.csv"), ("sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,givenName\n"
                + "u0,,,true,o1,student,u0,Zo\u00eb\n").getBytes(StandardCharsets.UTF_8));
        Files.write(quoting.resolve("users.csv"), "u1,,,true,o1,student,u1,Espa\u00f1a\n".getBytes(StandardCharsets.ISO_8859_1),
                java.nio.file.StandardOpenOption.APPEND);
        Set<String> csvCodes = codes(quoting);
        for (String c : List.of("csv.stray_quote", "csv.line_too_long", "csv.unclosed_quote", "csv.invalid_utf8")) {
            assertTrue(csvCodes.contains(c), c + " in " + csvCodes);
        }
    }

    @Test
    void zipWithTheSameFileTwiceIsRefused() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("orgs.csv", ORGS.getBytes(StandardCharsets.UTF_8));
        entries.put("orgs.csX", ORGS.getBytes(StandardCharsets.UTF_8));
        // Java will not write two entries of one name; the name is not covered by the CRC, so rename it in the bytes.
        byte[] zip = new String(Zips.zip(entries), StandardCharsets.ISO_8859_1).replace("orgs.csX", "orgs.csv")
                .getBytes(StandardCharsets.ISO_8859_1);
        Path file = Files.write(dir.resolve("twice.zip"), zip);
        assertTrue(codes(file).contains("zip.duplicate_entry"));
    }

    /**
     * Every code of the catalogue is raised by some test, which names it. Two stand for faults of the service, not of a
     * delivery: an internal error, and the heap running out, which is checked by hand (bench/README.md), not by a test
     * that would starve a JVM.
     */
    @Test
    void everyCodeOfTheCatalogueIsExercisedByATest() throws IOException {
        Set<IssueCode> unraisable = EnumSet.of(IssueCode.RUN_INTERNAL_ERROR, IssueCode.RUN_OUT_OF_MEMORY);
        String tests = text(Path.of("src/test/java"));
        Set<String> untested = Arrays.stream(IssueCode.values()).filter(c -> !unraisable.contains(c))
                .map(IssueCode::code).filter(c -> !named(tests, c)).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), untested);
    }

    /** Whether the text names the code as a whole (row.invalid_date is not named by row.invalid_datetime). */
    private static boolean named(String text, String code) {
        return Pattern.compile("(?<![a-z_.])" + Pattern.quote(code) + "(?![a-z_0-9])").matcher(text).find();
    }

    /** The layers below the catalogue (a zip's notes, the inbox's) name codes as text: each must be one of it. */
    @Test
    void everyCodeTheSourcesNameIsInTheCatalogue() throws IOException {
        Pattern code = Pattern.compile("\"((?:csv|zip|manifest|delivery|schema|row|reference|run|safeguard|remote)\\.[a-z_0-9]+)\"");
        Set<String> named = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("IssueCode.java")).toList()) {
                Matcher m = code.matcher(Files.readString(f));
                while (m.find()) {
                    named.add(m.group(1));
                }
            }
        }
        named.removeAll(Set.of("manifest.csv", "manifest.version")); // a file's name and a manifest property
        Set<String> unknown = named.stream().filter(c -> Arrays.stream(IssueCode.values()).noneMatch(k -> k.code().equals(c)))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), unknown);
        assertTrue(named.contains("zip.unsafe_entry"), named.toString());
    }

    @Test
    void eachCodeIsNamedAfterItsTextAndExplainedWithAFix() {
        for (IssueCode c : IssueCode.values()) {
            assertEquals(c.code().toUpperCase(java.util.Locale.ROOT).replace('.', '_'), c.name());
            assertEquals(c, IssueCode.of(c.code()));
            assertTrue(c.explanation().endsWith(".") && c.fix().endsWith("."), c.code());
        }
    }

    /**
     * docs/issue-codes.md holds the catalogue's table. To write it again after changing the catalogue:
     * {@code mvn -B -q -o test -Dtest=IssueCodesTest -Dissue-codes.write=true}.
     */
    @Test
    void theDocsTableIsTheCatalogue() throws IOException {
        Path doc = Path.of("docs/issue-codes.md");
        String text = Files.readString(doc);
        int start = text.indexOf(TABLE_START);
        int end = text.indexOf(TABLE_END);
        assertTrue(start >= 0 && end > start, "docs/issue-codes.md marks its table with " + TABLE_START + " and " + TABLE_END);
        String written = text.substring(start + TABLE_START.length(), end);
        String table = table();
        if (Boolean.getBoolean("issue-codes.write")) {
            Files.writeString(doc, text.substring(0, start + TABLE_START.length()) + table + text.substring(end));
            written = table;
        }
        assertEquals(table, written, "docs/issue-codes.md disagrees with report.IssueCode: run this test with"
                + " -Dissue-codes.write=true to write the table again");
    }

    private static final String TABLE_START = "<!-- table: generated from report.IssueCode by IssueCodesTest -->\n";
    private static final String TABLE_END = "<!-- end of table -->";

    /** The catalogue as Markdown: a table per family of codes, in the catalogue's order. */
    static String table() {
        StringBuilder out = new StringBuilder();
        String family = null;
        for (IssueCode c : IssueCode.values()) {
            String prefix = c.code().substring(0, c.code().indexOf('.'));
            if (!prefix.equals(family)) {
                family = prefix;
                out.append("\n### `").append(prefix).append(".*`\n\n| code | default outcome | what it means | how to fix it at the SIS |\n")
                        .append("|---|---|---|---|\n");
            }
            out.append("| `").append(c.code()).append("` | ").append(c.outcome()).append(" | ").append(cell(c.explanation()))
                    .append(" | ").append(cell(c.fix())).append(" |\n");
        }
        return out.append('\n').toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;");
    }

    private static String text(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java")).map(p -> {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).collect(Collectors.joining("\n"));
        }
    }

    private Path delivery(String name, String... files) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        for (int i = 0; i < files.length; i += 2) {
            Files.writeString(d.resolve(files[i]), files[i + 1]);
        }
        return d;
    }

    private static Set<String> codes(Path delivery) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ValidateCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()))
                .run(List.of(delivery.toString(), "--format", "json"));
        Map<String, Object> json = JsonMapper.createDefault().readValue(out.toByteArray(), Argument.mapOf(String.class, Object.class));
        return ((List<?>) json.get("issues")).stream().map(i -> (String) ((Map<?, ?>) i).get("code")).collect(Collectors.toCollection(TreeSet::new));
    }
}
