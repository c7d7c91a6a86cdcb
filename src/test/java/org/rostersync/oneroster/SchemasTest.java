package org.rostersync.oneroster;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The importer's column definitions are exactly the ones documented in schemas/oneroster-1.1. */
class SchemasTest {

    private static final Path SCHEMAS = Path.of("schemas", "oneroster-1.1");

    private final JsonMapper json = JsonMapper.createDefault();

    @Test
    void everyRosteringFileMatchesItsSchema() throws IOException {
        for (RosterFile file : RosterFile.values()) {
            Map<String, Object> schema = json.readValue(Files.readAllBytes(SCHEMAS.resolve(file.entity() + ".json")),
                    Argument.mapOf(String.class, Object.class));
            assertEquals(file.fileName(), schema.get("file"));
            List<Map<String, Object>> columns = columns(schema);
            assertEquals(List.of("sourcedId", "status", "dateLastModified"),
                    columns.subList(0, 3).stream().map(c -> c.get("name")).toList(), file.fileName());
            List<String> expected = new ArrayList<>();
            for (Map<String, Object> c : columns.subList(3, columns.size())) {
                if (!RosterFile.NOT_KEPT.contains((String) c.get("name"))) {
                    expected.add(c.get("name") + " " + columnType((String) c.get("type")) + " required=" + c.get("required")
                            + " " + c.getOrDefault("values", List.of()));
                }
            }
            List<String> actual = file.columns().stream()
                    .map(c -> c.name() + " " + c.type() + " required=" + c.required() + " " + c.values()).toList();
            assertEquals(expected, actual, file.fileName());
        }
    }

    private static ColumnType columnType(String schemaType) {
        return switch (schemaType) {
            case "guid", "guidRef", "string" -> ColumnType.STRING;
            case "guidRefList", "stringList" -> ColumnType.LIST;
            case "enum" -> ColumnType.ENUM;
            case "date" -> ColumnType.DATE;
            case "year" -> ColumnType.YEAR;
            case "boolean" -> ColumnType.BOOLEAN;
            case "userIdList" -> ColumnType.USER_IDS;
            default -> throw new AssertionError("unknown schema type " + schemaType);
        };
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> columns(Map<String, Object> schema) {
        return (List<Map<String, Object>>) schema.get("columns");
    }
}
