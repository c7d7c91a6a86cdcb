package org.rostersync.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import org.rostersync.tenant.AttributeMapping;
import org.rostersync.tenant.DataRequirements;
import org.rostersync.tenant.InvalidSettingException;
import org.rostersync.tenant.Safeguards;
import org.rostersync.tenant.SchoolMapping;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The JSON of {@link SourceRules}, written and read in one place so that what is exported is what is read. Streamed with
 * jackson-core: {@code rostersync validate} has no bean context, and starting one for a small document costs most of a
 * second. Reading is strict (unknown fields, repeated fields and wrong types are refused), because a typing mistake in a
 * hand-edited file would otherwise change silently which issues the check raises.
 */
final class RulesJson {

    private static final JsonFactory JSON = JsonFactory.builder().enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private RulesJson() {
    }

    static byte[] write(SourceRules rules) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RunSettings s = rules.settings();
        try (JsonGenerator g = JSON.createGenerator(out).useDefaultPrettyPrinter()) {
            g.writeStartObject();
            g.writeNumberField("version", SourceRules.VERSION);
            g.writeObjectFieldStart("source");
            g.writeStringField("id", rules.sourceId() == null ? null : rules.sourceId().toString());
            g.writeStringField("name", rules.sourceName());
            g.writeEndObject();
            g.writeStringField("exportedAt", rules.exportedAt() == null ? null : rules.exportedAt().toString());
            g.writeObjectFieldStart("dataRequirements");
            for (var entity : new java.util.TreeMap<>(s.dataRequirements().rules()).entrySet()) {
                g.writeObjectFieldStart(entity.getKey());
                for (var rule : new java.util.TreeMap<>(entity.getValue()).entrySet()) {
                    g.writeStringField(rule.getKey(), rule.getValue().name());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeObjectFieldStart("attributeMapping");
            for (var entity : new java.util.TreeMap<>(s.attributeMapping().columns()).entrySet()) {
                g.writeObjectFieldStart(entity.getKey());
                for (var column : new java.util.TreeMap<>(entity.getValue()).entrySet()) {
                    g.writeStringField(column.getKey(), column.getValue());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
            SchoolMapping mapping = s.schoolMapping();
            g.writeObjectFieldStart("schoolMapping");
            g.writeStringField("mode", mapping.mode().name());
            g.writeStringField("lastListedAt", mapping.lastListedAt() == null ? null : mapping.lastListedAt().toString());
            g.writeArrayFieldStart("schools");
            for (SchoolMapping.School school : mapping.schools()) {
                g.writeStartObject();
                g.writeStringField("sourcedId", school.sourcedId());
                g.writeStringField("name", school.name());
                g.writeBooleanField("included", school.included());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeObjectFieldStart("safeguards");
            g.writeNumberField("maxDeletedPercent", s.safeguards().maxDeletedPercent());
            g.writeNumberField("maxChangedPercent", s.safeguards().maxChangedPercent());
            g.writeBooleanField("neverDelete", s.safeguards().neverDelete());
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // into memory: cannot happen
        }
        out.write('\n');
        return out.toByteArray();
    }

    static SourceRules read(byte[] json) {
        Map<String, Object> root = object("the rules file", tree(json));
        only("", root, Set.of("version", "source", "exportedAt", "dataRequirements", "attributeMapping", "schoolMapping", "safeguards"));
        Object version = required("", root, "version");
        if (!(version instanceof Long v) || v != SourceRules.VERSION) {
            throw new InvalidSettingException("version", "version " + version + " is not one this rostersync reads (" + SourceRules.VERSION
                    + "): export the rules again from the same rostersync version as the one checking, or use that version's"
                    + " rostersync validate");
        }
        UUID sourceId = null;
        String sourceName = null;
        if (root.get("source") != null) {
            Map<String, Object> source = object("source", root.get("source"));
            only("source.", source, Set.of("id", "name"));
            String id = optionalText("source.id", source.get("id"));
            try {
                sourceId = id == null ? null : UUID.fromString(id);
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException("source.id", "source.id: '" + id + "' is not a source's id (a UUID)");
            }
            sourceName = optionalText("source.name", source.get("name"));
        }
        Instant exportedAt = instant("exportedAt", root.get("exportedAt"));
        Map<String, Map<String, String>> requested = table("dataRequirements", required("", root, "dataRequirements"));
        DataRequirements requirements = prefixed("dataRequirements", () -> DataRequirementRules.check(requested));
        Map<String, Map<String, String>> mapped = table("attributeMapping", required("", root, "attributeMapping"));
        AttributeMapping attributes = prefixed("attributeMapping", () -> AttributeMappingRules.check(mapped));
        SchoolMapping schools = schoolMapping(object("schoolMapping", required("", root, "schoolMapping")));
        Safeguards safeguards = safeguards(object("safeguards", required("", root, "safeguards")));
        return new SourceRules(sourceId, sourceName, exportedAt, new RunSettings(requirements, safeguards, schools, attributes));
    }

    private static SchoolMapping schoolMapping(Map<String, Object> mapping) {
        only("schoolMapping.", mapping, Set.of("mode", "lastListedAt", "schools"));
        String modeText = text("schoolMapping.mode", required("schoolMapping.", mapping, "mode"));
        SchoolMapping.Mode mode;
        try {
            mode = SchoolMapping.Mode.valueOf(modeText);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("schoolMapping.mode", "schoolMapping.mode: '" + modeText + "' is not auto or explicit");
        }
        Instant lastListedAt = instant("schoolMapping.lastListedAt", mapping.get("lastListedAt"));
        if (!(required("schoolMapping.", mapping, "schools") instanceof List<?> list)) {
            throw new InvalidSettingException("schoolMapping.schools", "schoolMapping.schools must be a list of schools");
        }
        List<SchoolMapping.School> schools = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "schoolMapping.schools[" + i + "]";
            Map<String, Object> school = object(at, list.get(i));
            only(at + ".", school, Set.of("sourcedId", "name", "included"));
            String sourcedId = text(at + ".sourcedId", required(at + ".", school, "sourcedId"));
            if (sourcedId.isBlank() || sourcedId.length() > SchoolMapping.MAX_SOURCED_ID) {
                throw new InvalidSettingException(at + ".sourcedId", at + ".sourcedId must be 1 to " + SchoolMapping.MAX_SOURCED_ID
                        + " characters");
            }
            if (!ids.add(sourcedId)) {
                throw new InvalidSettingException(at + ".sourcedId", at + ".sourcedId: school '" + sourcedId + "' is listed twice");
            }
            if (!(required(at + ".", school, "included") instanceof Boolean included)) {
                throw new InvalidSettingException(at + ".included", at + ".included must be true or false");
            }
            schools.add(new SchoolMapping.School(sourcedId, optionalText(at + ".name", school.get("name")), included, null, null, null));
        }
        return new SchoolMapping(mode, schools, lastListedAt);
    }

    private static Safeguards safeguards(Map<String, Object> safeguards) {
        only("safeguards.", safeguards, Set.of("maxDeletedPercent", "maxChangedPercent", "neverDelete"));
        int deleted = percent("safeguards.maxDeletedPercent", required("safeguards.", safeguards, "maxDeletedPercent"));
        int changed = percent("safeguards.maxChangedPercent", required("safeguards.", safeguards, "maxChangedPercent"));
        if (!(required("safeguards.", safeguards, "neverDelete") instanceof Boolean neverDelete)) {
            throw new InvalidSettingException("safeguards.neverDelete", "safeguards.neverDelete must be true or false");
        }
        return new Safeguards(deleted, changed, neverDelete);
    }

    private static int percent(String field, Object value) {
        if (value instanceof Long n && n >= 0 && n <= 100) {
            return n.intValue();
        }
        throw new InvalidSettingException(field, field + " must be a whole number from 0 to 100, not " + value);
    }

    /** Runs a check of the settings' own, naming the field from the document's root. */
    private static <T> T prefixed(String prefix, java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (InvalidSettingException e) {
            throw new InvalidSettingException(prefix + "." + e.field(), prefix + "." + e.getMessage());
        }
    }

    /** An object of objects of texts: {@code {"users": {"email": "skip"}}}. */
    private static Map<String, Map<String, String>> table(String field, Object value) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        object(field, value).forEach((entity, attributes) -> {
            Map<String, String> row = new LinkedHashMap<>();
            object(field + "." + entity, attributes).forEach((attribute, text) -> row.put(attribute,
                    text(field + "." + entity + "." + attribute, text)));
            out.put(entity, row);
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String field, Object value) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new InvalidSettingException(field, field + " must be a JSON object");
    }

    private static Object required(String prefix, Map<String, Object> object, String name) {
        Object value = object.get(name);
        if (value == null) {
            throw new InvalidSettingException(prefix + name, prefix + name + " is missing");
        }
        return value;
    }

    private static void only(String prefix, Map<String, Object> object, Set<String> known) {
        for (String name : object.keySet()) {
            if (!known.contains(name)) {
                throw new InvalidSettingException(prefix + name, prefix + name + " is not a field of the rules file (version "
                        + SourceRules.VERSION + " has " + String.join(", ", new java.util.TreeSet<>(known)) + " here)");
            }
        }
    }

    private static String text(String field, Object value) {
        if (value instanceof String s) {
            return s;
        }
        throw new InvalidSettingException(field, field + " must be text");
    }

    private static String optionalText(String field, Object value) {
        return value == null ? null : text(field, value);
    }

    private static Instant instant(String field, Object value) {
        String text = optionalText(field, value);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidSettingException(field, field + ": '" + text + "' is not a time such as 2026-09-01T06:00:00Z");
        }
    }

    /** The document as maps, lists, texts, longs (other numbers as BigDecimal), booleans and nulls. */
    private static Object tree(byte[] json) {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() == null) {
                throw new InvalidSettingException("", "the rules file is empty");
            }
            Object value = value(p);
            if (p.nextToken() != null) {
                throw new InvalidSettingException("", "the rules file holds more than one JSON document (line "
                        + p.currentLocation().getLineNr() + ")");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new InvalidSettingException("", "the rules file is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // from memory: cannot happen
        }
    }

    private static Object value(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (p.nextToken() != JsonToken.END_OBJECT) {
                    String name = p.currentName();
                    p.nextToken();
                    object.put(name, value(p));
                }
                yield object;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(p));
                }
                yield list;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getDecimalValue() : p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDecimalValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new InvalidSettingException("", "the rules file is not valid JSON near line " + p.currentLocation().getLineNr());
        };
    }
}
