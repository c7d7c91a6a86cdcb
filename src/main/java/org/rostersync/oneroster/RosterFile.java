package org.rostersync.oneroster;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.rostersync.oneroster.Column.optional;
import static org.rostersync.oneroster.Column.optionalEnum;
import static org.rostersync.oneroster.Column.required;
import static org.rostersync.oneroster.Column.requiredEnum;
import static org.rostersync.oneroster.ColumnType.BOOLEAN;
import static org.rostersync.oneroster.ColumnType.DATE;
import static org.rostersync.oneroster.ColumnType.LIST;
import static org.rostersync.oneroster.ColumnType.STRING;
import static org.rostersync.oneroster.ColumnType.USER_IDS;
import static org.rostersync.oneroster.ColumnType.YEAR;

/**
 * The seven OneRoster 1.1 rostering files, in load order (a file's references point to files before it), with their
 * columns after the three every file starts with: sourcedId, status, dateLastModified.
 */
public enum RosterFile {
    ORGS("orgs", List.of(
            required("name", STRING),
            requiredEnum("type", "department", "school", "district", "local", "state", "national"),
            optional("identifier", STRING),
            optional("parentSourcedId", STRING))),
    ACADEMIC_SESSIONS("academicSessions", List.of(
            required("title", STRING),
            requiredEnum("type", "gradingPeriod", "semester", "schoolYear", "term"),
            required("startDate", DATE),
            required("endDate", DATE),
            optional("parentSourcedId", STRING),
            required("schoolYear", YEAR))),
    COURSES("courses", List.of(
            optional("schoolYearSourcedId", STRING),
            required("title", STRING),
            optional("courseCode", STRING),
            optional("grades", LIST),
            required("orgSourcedId", STRING),
            optional("subjects", LIST),
            optional("subjectCodes", LIST))),
    CLASSES("classes", List.of(
            required("title", STRING),
            optional("grades", LIST),
            required("courseSourcedId", STRING),
            optional("classCode", STRING),
            requiredEnum("classType", "homeroom", "scheduled"),
            optional("location", STRING),
            required("schoolSourcedId", STRING),
            required("termSourcedIds", LIST),
            optional("subjects", LIST),
            optional("subjectCodes", LIST),
            optional("periods", LIST))),
    USERS("users", List.of(
            required("enabledUser", BOOLEAN),
            required("orgSourcedIds", LIST),
            requiredEnum("role", "administrator", "aide", "guardian", "parent", "proctor", "relative", "student", "teacher"),
            required("username", STRING),
            optional("userIds", USER_IDS),
            required("givenName", STRING),
            required("familyName", STRING),
            optional("middleName", STRING),
            optional("identifier", STRING),
            optional("email", STRING),
            optional("sms", STRING),
            optional("phone", STRING),
            optional("agentSourcedIds", LIST),
            optional("grades", LIST))),
    DEMOGRAPHICS("demographics", List.of(
            optional("birthDate", DATE),
            optionalEnum("sex", "male", "female"),
            optional("americanIndianOrAlaskaNative", BOOLEAN),
            optional("asian", BOOLEAN),
            optional("blackOrAfricanAmerican", BOOLEAN),
            optional("nativeHawaiianOrOtherPacificIslander", BOOLEAN),
            optional("white", BOOLEAN),
            optional("demographicRaceTwoOrMoreRaces", BOOLEAN),
            optional("hispanicOrLatinoEthnicity", BOOLEAN),
            optional("countryOfBirthCode", STRING),
            optional("stateOfBirthAbbreviation", STRING),
            optional("cityOfBirth", STRING),
            optional("publicSchoolResidenceStatus", STRING))),
    ENROLLMENTS("enrollments", List.of(
            required("classSourcedId", STRING),
            required("schoolSourcedId", STRING),
            required("userSourcedId", STRING),
            requiredEnum("role", "administrator", "proctor", "student", "teacher"),
            optional("primary", BOOLEAN),
            optional("beginDate", DATE),
            optional("endDate", DATE)));

    /**
     * Columns the spec defines but rostersync does not keep: users.password may hold a student's password in clear text,
     * and no consumer of this receiver needs it.
     */
    public static final List<String> NOT_KEPT = List.of("password");

    private final String entity;
    private final List<Column> columns;

    RosterFile(String entity, List<Column> columns) {
        this.entity = entity;
        this.columns = columns;
    }

    /** The name in the manifest's {@code file.<entity>} property, e.g. {@code academicSessions}. */
    public String entity() {
        return entity;
    }

    public String fileName() {
        return entity + ".csv";
    }

    /** The columns after sourcedId, status and dateLastModified, in spec order. */
    public List<Column> columns() {
        return columns;
    }

    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public static Optional<RosterFile> byFileName(String fileName) {
        return Arrays.stream(values()).filter(f -> f.fileName().equals(fileName)).findFirst();
    }
}
