package org.rostersync.api.oneroster;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import jakarta.inject.Singleton;
import org.rostersync.oneroster.RosterFile;
import org.rostersync.roster.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes stored records as the 1.1 JSON binding: CSV names, references as GUIDRefs ({@code href}, {@code sourcedId},
 * {@code type}), booleans as the strings "true"/"false" (the 1.1 binding's convention), dates as ISO strings, and the
 * delivery's {@code metadata.*} columns in {@code metadata}. Blank values are left out.
 *
 * <p>Records go straight from the query's maps to bytes through one streaming generator, and stored JSON (metadata,
 * userIds, jsonb) is written as it is: building a map per record for a general serializer cost more than the query.
 */
@Singleton
class RecordJson {

    /** Thread-safe once configured; generators are made per response. */
    private final JsonFactory factory = new JsonFactory();

    /** The keys each file's JSON may have, in order: what {@code fields} may select. */
    private static final Map<RosterFile, List<String>> FIELDS = Map.of(
            RosterFile.ORGS, List.of("name", "type", "identifier", "parent", "children"),
            RosterFile.ACADEMIC_SESSIONS, List.of("title", "startDate", "endDate", "type", "parent", "children", "schoolYear"),
            RosterFile.COURSES, List.of("title", "schoolYear", "courseCode", "grades", "subjects", "org", "subjectCodes"),
            RosterFile.CLASSES, List.of("title", "classCode", "classType", "location", "grades", "subjects", "course", "school",
                    "terms", "subjectCodes", "periods"),
            RosterFile.USERS, List.of("username", "userIds", "enabledUser", "givenName", "familyName", "middleName", "role",
                    "identifier", "email", "sms", "phone", "agents", "orgs", "grades"),
            RosterFile.DEMOGRAPHICS, List.of("birthDate", "sex", "americanIndianOrAlaskaNative", "asian", "blackOrAfricanAmerican",
                    "nativeHawaiianOrOtherPacificIslander", "white", "demographicRaceTwoOrMoreRaces", "hispanicOrLatinoEthnicity",
                    "countryOfBirthCode", "stateOfBirthAbbreviation", "cityOfBirth", "publicSchoolResidenceStatus"),
            RosterFile.ENROLLMENTS, List.of("user", "class", "school", "role", "primary", "beginDate", "endDate"));

    private static final String[] DEMOGRAPHIC_FIELDS = FIELDS.get(RosterFile.DEMOGRAPHICS).toArray(String[]::new);

    private static final List<String> ALWAYS = List.of("sourcedId", "status", "dateLastModified", "metadata");

    /** Every key and GUIDRef type, encoded once: written as bytes, never checked for escapes again. */
    private static final Map<String, SerializedString> ENCODED = encoded();

    private static Map<String, SerializedString> encoded() {
        Map<String, SerializedString> out = new java.util.HashMap<>();
        java.util.stream.Stream.of(ALWAYS, FIELDS.values().stream().flatMap(List::stream).toList(),
                        List.of("href", "type", "org", "academicSession", "user", "course", "class", "statusInfoSet"))
                .flatMap(List::stream)
                .forEach(name -> out.put(name, new SerializedString(name)));
        return java.util.Collections.unmodifiableMap(out); // over a HashMap: faster lookups than Map.copyOf's
    }

    private static SerializedString encoded(String name) {
        SerializedString known = ENCODED.get(name);
        return known != null ? known : new SerializedString(name);
    }

    /** Whether a record of the file can have this key (sourcedId, status, dateLastModified and metadata always). */
    static boolean hasField(RosterFile file, String name) {
        return ALWAYS.contains(name) || FIELDS.get(file).contains(name);
    }

    /**
     * What a response holds: its records under {@code key} (an array, or one object for a single record), and the
     * warnings, if any, in a {@code statusInfoSet} next to them.
     *
     * @param base     the API's base URL, for GUIDRefs' {@code href}
     * @param children for orgs and academic sessions, the sourcedIds of the records whose parent each record is
     * @param fields   the keys to keep, or null for all
     */
    record Envelope(String key, boolean single, RosterFile file, List<Map<String, Object>> records, String base,
                    Map<String, List<String>> children, Set<String> fields, List<Map<String, Object>> warnings) {
    }

    byte[] write(Envelope envelope) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + envelope.records().size() * 700);
        try (JsonGenerator g = factory.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeFieldName(envelope.key());
            if (!envelope.single()) {
                g.writeStartArray();
            }
            Writer writer = new Writer(g, envelope.base(), envelope.fields());
            for (Map<String, Object> record : envelope.records()) {
                writer.record(envelope.file(), record,
                        envelope.children().getOrDefault((String) record.get("sourcedId"), List.of()));
            }
            if (!envelope.single()) {
                g.writeEndArray();
            }
            if (!envelope.warnings().isEmpty()) {
                g.writeFieldName("statusInfoSet");
                g.writeStartArray();
                for (Map<String, Object> warning : envelope.warnings()) {
                    g.writeStartObject();
                    for (Map.Entry<String, Object> e : warning.entrySet()) {
                        g.writeStringField(e.getKey(), String.valueOf(e.getValue()));
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /** One response's writing: the generator, the base of its hrefs and the selection. */
    private final class Writer {

        private final JsonGenerator g;
        private final String base;
        private final Set<String> fields;
        private final Timestamps dates = new Timestamps();
        /** Each collection's href up to the sourcedId, and a buffer to put a whole href in. */
        private final Map<String, char[]> prefixes = new java.util.HashMap<>();
        private char[] href = new char[256];

        Writer(JsonGenerator g, String base, Set<String> fields) {
            this.g = g;
            this.base = base;
            this.fields = fields;
        }

        void record(RosterFile file, Map<String, Object> record, List<String> children) throws IOException {
            g.writeStartObject();
            copy(record, "sourcedId", "status");
            if (wanted("dateLastModified")) {
                g.writeFieldName(encoded("dateLastModified"));
                g.writeString(dates.format((Instant) record.get("dateLastModified")));
            }
            copy(record, "metadata");
            switch (file) {
                case ORGS -> {
                    copy(record, "name", "type", "identifier");
                    one("parent", "orgs", "org", record.get("parentSourcedId"));
                    many("children", "orgs", "org", children);
                }
                case ACADEMIC_SESSIONS -> {
                    copy(record, "title", "startDate", "endDate", "type");
                    one("parent", "academicSessions", "academicSession", record.get("parentSourcedId"));
                    many("children", "academicSessions", "academicSession", children);
                    Object year = record.get("schoolYear");
                    if (year != null && wanted("schoolYear")) {
                        g.writeStringField("schoolYear", year.toString());
                    }
                }
                case COURSES -> {
                    copy(record, "title");
                    one("schoolYear", "academicSessions", "academicSession", record.get("schoolYearSourcedId"));
                    copy(record, "courseCode", "grades", "subjects");
                    one("org", "orgs", "org", record.get("orgSourcedId"));
                    copy(record, "subjectCodes");
                }
                case DEMOGRAPHICS -> copy(record, DEMOGRAPHIC_FIELDS);
                case USERS -> {
                    copy(record, "username", "userIds", "enabledUser", "givenName", "familyName", "middleName", "role",
                            "identifier", "email", "sms", "phone");
                    many("agents", "users", "user", record.get("agentSourcedIds"));
                    many("orgs", "orgs", "org", record.get("orgSourcedIds"));
                    copy(record, "grades");
                }
                case CLASSES -> {
                    copy(record, "title", "classCode", "classType", "location", "grades", "subjects");
                    one("course", "courses", "course", record.get("courseSourcedId"));
                    one("school", "schools", "org", record.get("schoolSourcedId"));
                    // a class's terms may be semesters or school years, which /terms (type term) does not serve: link the general path
                    many("terms", "academicSessions", "academicSession", record.get("termSourcedIds"));
                    copy(record, "subjectCodes", "periods");
                }
                case ENROLLMENTS -> {
                    one("user", "users", "user", record.get("userSourcedId"));
                    one("class", "classes", "class", record.get("classSourcedId"));
                    one("school", "schools", "org", record.get("schoolSourcedId"));
                    copy(record, "role", "primary", "beginDate", "endDate");
                }
            }
            g.writeEndObject();
        }

        private boolean wanted(String name) {
            return fields == null || fields.contains(name);
        }

        /** Each named value as stored, under its own name; absent values are left out. */
        private void copy(Map<String, Object> record, String... names) throws IOException {
            for (String name : names) {
                Object value = record.get(name);
                if (value != null && wanted(name)) {
                    g.writeFieldName(encoded(name));
                    value(value);
                }
            }
        }

        private void value(Object value) throws IOException {
            if (value instanceof String s) {
                g.writeString(s);
            } else if (value instanceof Boolean || value instanceof LocalDate) {
                g.writeString(value.toString());
            } else if (value instanceof List<?> list) {
                g.writeStartArray();
                for (Object item : list) {
                    g.writeString(String.valueOf(item));
                }
                g.writeEndArray();
            } else if (value instanceof Json json) {
                g.writeRawValue(json.text()); // jsonb as PostgreSQL prints it: valid JSON, so no need to parse it again
            } else if (value instanceof Integer i) {
                g.writeNumber(i);
            } else if (value instanceof Double d) {
                g.writeNumber(d);
            } else if (value instanceof Instant instant) {
                g.writeString(dates.format(instant));
            } else {
                throw new IllegalStateException("no JSON form for a stored " + value.getClass().getName());
            }
        }

        /** A GUIDRef to a record of this API. */
        private void one(String name, String collection, String type, Object sourcedId) throws IOException {
            if (sourcedId != null && wanted(name)) {
                g.writeFieldName(encoded(name));
                ref(collection, type, sourcedId.toString());
            }
        }

        /** A list of GUIDRefs, written (empty) even when there are none. */
        private void many(String name, String collection, String type, Object sourcedIds) throws IOException {
            if (!wanted(name)) {
                return;
            }
            g.writeFieldName(encoded(name));
            g.writeStartArray();
            if (sourcedIds instanceof List<?> ids) {
                for (Object id : ids) {
                    ref(collection, type, id.toString());
                }
            }
            g.writeEndArray();
        }

        private void ref(String collection, String type, String sourcedId) throws IOException {
            g.writeStartObject();
            g.writeFieldName(encoded("href"));
            char[] prefix = prefixes.computeIfAbsent(collection, c -> (base + "/" + c + "/").toCharArray());
            int length = prefix.length + sourcedId.length();
            if (href.length < length) {
                href = new char[Math.max(length, href.length * 2)];
            }
            System.arraycopy(prefix, 0, href, 0, prefix.length);
            sourcedId.getChars(0, sourcedId.length(), href, prefix.length);
            g.writeString(href, 0, length); // no string built per reference: a page of users has thousands
            g.writeFieldName(encoded("sourcedId"));
            g.writeString(sourcedId);
            g.writeFieldName(encoded("type"));
            g.writeString(encoded(type));
            g.writeEndObject();
        }
    }
}
