package org.rostersync.api.oneroster;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.rostersync.oneroster.RosterFile;
import org.rostersync.roster.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shapes stored records as the 1.1 JSON binding: CSV names, references as GUIDRefs ({@code href}, {@code sourcedId},
 * {@code type}), booleans as the strings "true"/"false" (the 1.1 binding's convention), dates as ISO strings, and the
 * delivery's {@code metadata.*} columns in {@code metadata}. Blank values are left out.
 */
@Singleton
class RecordJson {

    private final JsonMapper json;

    RecordJson(JsonMapper json) {
        this.json = json;
    }

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

    /** Whether a record of the file can have this key (sourcedId, status, dateLastModified and metadata always). */
    static boolean hasField(RosterFile file, String name) {
        return List.of("sourcedId", "status", "dateLastModified", "metadata").contains(name) || FIELDS.get(file).contains(name);
    }

    /**
     * @param children for orgs and academic sessions, the sourcedIds of the records whose parent this one is
     */
    Map<String, Object> toJson(RosterFile file, Map<String, Object> record, String base, List<String> children) {
        Refs refs = new Refs(base);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sourcedId", record.get("sourcedId"));
        out.put("status", record.get("status"));
        out.put("dateLastModified", DateTimeFormatter.ISO_INSTANT.format(((Instant) record.get("dateLastModified")).truncatedTo(ChronoUnit.MILLIS)));
        put(out, "metadata", parse(record.get("metadata")));
        switch (file) {
            case ORGS -> {
                copy(out, record, "name", "type", "identifier");
                put(out, "parent", refs.one("orgs", "org", record.get("parentSourcedId")));
                out.put("children", refs.many("orgs", "org", children));
            }
            case ACADEMIC_SESSIONS -> {
                copy(out, record, "title", "startDate", "endDate", "type");
                put(out, "parent", refs.one("academicSessions", "academicSession", record.get("parentSourcedId")));
                out.put("children", refs.many("academicSessions", "academicSession", children));
                Object year = record.get("schoolYear");
                put(out, "schoolYear", year == null ? null : year.toString());
            }
            case COURSES -> {
                copy(out, record, "title");
                put(out, "schoolYear", refs.one("academicSessions", "academicSession", record.get("schoolYearSourcedId")));
                copy(out, record, "courseCode", "grades", "subjects");
                put(out, "org", refs.one("orgs", "org", record.get("orgSourcedId")));
                copy(out, record, "subjectCodes");
            }
            case DEMOGRAPHICS -> copy(out, record, FIELDS.get(RosterFile.DEMOGRAPHICS).toArray(String[]::new));
            case USERS -> {
                copy(out, record, "username");
                put(out, "userIds", parse(record.get("userIds")));
                copy(out, record, "enabledUser", "givenName", "familyName", "middleName", "role", "identifier", "email", "sms", "phone");
                out.put("agents", refs.many("users", "user", record.get("agentSourcedIds")));
                out.put("orgs", refs.many("orgs", "org", record.get("orgSourcedIds")));
                copy(out, record, "grades");
            }
            case CLASSES -> {
                copy(out, record, "title", "classCode", "classType", "location", "grades", "subjects");
                put(out, "course", refs.one("courses", "course", record.get("courseSourcedId")));
                put(out, "school", refs.one("schools", "org", record.get("schoolSourcedId")));
                // a class's terms may be semesters or school years, which /terms (type term) does not serve: link the general path
                out.put("terms", refs.many("academicSessions", "academicSession", record.get("termSourcedIds")));
                copy(out, record, "subjectCodes", "periods");
            }
            case ENROLLMENTS -> {
                put(out, "user", refs.one("users", "user", record.get("userSourcedId")));
                put(out, "class", refs.one("classes", "class", record.get("classSourcedId")));
                put(out, "school", refs.one("schools", "org", record.get("schoolSourcedId")));
                copy(out, record, "role", "primary", "beginDate", "endDate");
            }
        }
        return out;
    }

    private static void copy(Map<String, Object> out, Map<String, Object> record, String... names) {
        for (String name : names) {
            Object value = record.get(name);
            if (value instanceof Boolean b) {
                value = b.toString();
            } else if (value instanceof java.time.LocalDate d) {
                value = d.toString();
            }
            put(out, name, value);
        }
    }

    private static void put(Map<String, Object> out, String name, Object value) {
        if (value != null) {
            out.put(name, value);
        }
    }

    private Object parse(Object stored) {
        if (!(stored instanceof Json j)) {
            return null;
        }
        try {
            return json.readValue(j.text(), Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException("stored JSON is unreadable: " + j.text(), e);
        }
    }

    /** GUIDRefs to records of this API. */
    private record Refs(String base) {

        Map<String, Object> one(String collection, String type, Object sourcedId) {
            if (sourcedId == null) {
                return null;
            }
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put("href", base + "/" + collection + "/" + sourcedId);
            ref.put("sourcedId", sourcedId);
            ref.put("type", type);
            return ref;
        }

        List<Map<String, Object>> many(String collection, String type, Object sourcedIds) {
            List<Map<String, Object>> out = new ArrayList<>();
            if (sourcedIds instanceof List<?> ids) {
                for (Object id : ids) {
                    out.add(one(collection, type, id));
                }
            }
            return out;
        }
    }
}
