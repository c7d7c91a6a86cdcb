package org.rostersync.oneroster;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the column specs packaged from {@code schemas/oneroster-1.1/<entity>.json}. */
final class Schemas {

    private static final JsonMapper JSON = JsonMapper.createDefault();

    private Schemas() {
    }

    /** Every column of the file, in spec order, sourcedId, status and dateLastModified first. */
    @SuppressWarnings("unchecked")
    static List<Column> columns(String entity) {
        String resource = "/schemas/oneroster-1.1/" + entity + ".json";
        try (InputStream in = Schemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            Map<String, Object> schema = JSON.readValue(in.readAllBytes(), Argument.mapOf(String.class, Object.class));
            List<Column> out = new ArrayList<>();
            for (Map<String, Object> c : (List<Map<String, Object>>) schema.get("columns")) {
                out.add(new Column((String) c.get("name"), ColumnType.ofSchema((String) c.get("type")),
                        Boolean.TRUE.equals(c.get("required")), (List<String>) c.getOrDefault("values", List.of()),
                        (String) c.get("references")));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
