package org.rostersync.oneroster;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the column specs packaged from {@code schemas/oneroster-1.1/<entity>.json}, with jackson-core's streaming
 * parser: the offline validator must start fast, and a Micronaut JsonMapper brings up a bean context to read seven files.
 */
final class Schemas {

    private static final JsonFactory JSON = new JsonFactory();

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
            Map<String, Object> schema;
            try (JsonParser parser = JSON.createParser(in)) {
                schema = (Map<String, Object>) value(parser, parser.nextToken());
            }
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

    /** The JSON value starting at the token, as maps, lists, strings, numbers, booleans and nulls. */
    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    map.put(name, value(parser, parser.nextToken()));
                }
                return map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    list.add(value(parser, t));
                }
                return list;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return parser.getNumberValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return token == JsonToken.VALUE_TRUE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected " + token + " at " + parser.currentLocation());
        }
    }
}
