package org.rostersync.oneroster;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** schemas/oneroster-1.1 says what the team's OneRoster 1.1 digest says, and the reader takes its columns from it. */
class SchemasTest {

    private static final Path SCHEMAS = Path.of("schemas", "oneroster-1.1");
    private static final String DIGEST = readDigest();

    private final JsonMapper json = JsonMapper.createDefault();

    @Test
    void everyDataFileHasTheDigestsHeaderInOrder() throws IOException {
        Set<String> files = new HashSet<>(OneRosterFiles.ALL);
        files.remove(OneRosterFiles.MANIFEST);
        for (String file : files) {
            assertEquals(digestHeader(file), names(schema(file)), file);
        }
    }

    @Test
    void requiredFlagsOfTheRosteringFilesMatchTheDigestTables() throws IOException {
        for (RosterFile file : RosterFile.values()) {
            Set<String> required = digestRequired(file.fileName());
            for (Map<String, Object> c : columns(schema(file.fileName()))) {
                String name = (String) c.get("name");
                if (!name.equals("status") && !name.equals("dateLastModified")) {
                    assertEquals(required.contains(name), c.get("required"), file.fileName() + " " + name);
                }
            }
        }
    }

    @Test
    void manifestListsEveryPropertyOfTheDigest() throws IOException {
        Map<String, Object> manifest = json.readValue(Files.readAllBytes(SCHEMAS.resolve("manifest.json")),
                Argument.mapOf(String.class, Object.class));
        List<String> properties = ((List<?>) manifest.get("properties")).stream().map(p -> (String) ((Map<?, ?>) p).get("name")).toList();
        Matcher m = Pattern.compile("^\\| `((?:manifest|oneroster|file|source)\\.[A-Za-z.]+)` \\|", Pattern.MULTILINE).matcher(DIGEST);
        List<String> expected = new ArrayList<>();
        while (m.find()) {
            expected.add(m.group(1));
        }
        assertEquals(expected, properties);
    }

    @Test
    void theReaderTakesItsColumnsFromTheSchemas() throws IOException {
        for (RosterFile file : RosterFile.values()) {
            List<String> fromSchema = names(schema(file.fileName())).subList(3, names(schema(file.fileName())).size()).stream()
                    .filter(n -> !RosterFile.NOT_KEPT.contains(n)).toList();
            assertEquals(fromSchema, file.columns().stream().map(Column::name).toList(), file.fileName());
        }
        Column classType = RosterFile.CLASSES.column("classType").orElseThrow();
        assertEquals(List.of("homeroom", "scheduled"), classType.values());
        assertEquals("orgs", RosterFile.CLASSES.column("schoolSourcedId").orElseThrow().references());
        assertFalse(RosterFile.USERS.column("password").isPresent(), "users.password is never kept");
    }

    @Test
    void everySchemaUsesOnlyKnownTypesAndItsReferencesNameOneRosterFiles() {
        for (String file : OneRosterFiles.ALL) {
            if (file.equals(OneRosterFiles.MANIFEST)) {
                continue;
            }
            for (Column c : Schemas.columns(file.replace(".csv", ""))) {
                if (c.references() != null) {
                    assertTrue(OneRosterFiles.ALL.contains(c.references() + ".csv"), file + " " + c.name());
                }
                if (c.type() == ColumnType.ENUM) {
                    assertFalse(c.values().isEmpty(), file + " " + c.name());
                }
            }
        }
    }

    private Map<String, Object> schema(String file) throws IOException {
        return json.readValue(Files.readAllBytes(SCHEMAS.resolve(file.replace(".csv", ".json"))), Argument.mapOf(String.class, Object.class));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> columns(Map<String, Object> schema) {
        return (List<Map<String, Object>>) schema.get("columns");
    }

    private static List<String> names(Map<String, Object> schema) {
        return columns(schema).stream().map(c -> (String) c.get("name")).toList();
    }

    /** The header of §2.1–2.7 ("Header: `...`" under the file's heading) or of the §2.8 table. */
    private static List<String> digestHeader(String file) {
        Matcher section = Pattern.compile("### 2\\.\\d `" + Pattern.quote(file) + "`\\s+Header: `([^`]+)`").matcher(DIGEST);
        if (section.find()) {
            return Arrays.asList(section.group(1).split(","));
        }
        Matcher row = Pattern.compile("^\\| `" + Pattern.quote(file) + "` \\| `([^`]+)` \\|", Pattern.MULTILINE).matcher(DIGEST);
        assertTrue(row.find(), "the digest lists " + file);
        return Arrays.asList(row.group(1).split(","));
    }

    /** Columns marked Yes in the file's table (a row may name several columns, comma-separated). */
    private static Set<String> digestRequired(String file) {
        int start = DIGEST.indexOf("`" + file + "`\nHeader:");
        int end = DIGEST.indexOf("\n### ", start + 1);
        String table = DIGEST.substring(start, end);
        Set<String> required = new HashSet<>();
        Matcher m = Pattern.compile("^\\| ([A-Za-z, ]+) \\| Yes \\|", Pattern.MULTILINE).matcher(table);
        while (m.find()) {
            for (String name : m.group(1).split(",")) {
                required.add(name.trim());
            }
        }
        return required;
    }

    private static String readDigest() {
        try {
            return Files.readString(Path.of("src/test/resources/reference/oneroster-1.1.md"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
