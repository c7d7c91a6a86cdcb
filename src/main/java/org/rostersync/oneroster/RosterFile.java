package org.rostersync.oneroster;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The seven OneRoster 1.1 rostering files, in load order (a file's references point to files before it). Their columns
 * come from {@code schemas/oneroster-1.1/<entity>.json}, after the three every file starts with (sourcedId, status,
 * dateLastModified).
 */
public enum RosterFile {
    ORGS("orgs"),
    ACADEMIC_SESSIONS("academicSessions"),
    COURSES("courses"),
    CLASSES("classes"),
    USERS("users"),
    DEMOGRAPHICS("demographics"),
    ENROLLMENTS("enrollments");

    /**
     * Columns the spec defines but rostersync does not keep: users.password may hold a student's password in clear text,
     * and no consumer of this receiver needs it.
     */
    public static final List<String> NOT_KEPT = NotKept.COLUMNS;

    private final String entity;
    private final List<Column> columns;

    RosterFile(String entity) {
        this.entity = entity;
        this.columns = Schemas.columns(entity).stream()
                .skip(3)
                .filter(c -> !NotKept.COLUMNS.contains(c.name()))
                .toList();
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

    /** Enum constants are built before the enum's static fields: what their constructors read lives in a holder. */
    private static final class NotKept {
        static final List<String> COLUMNS = List.of("password");
    }

    /** By manifest entity name, e.g. {@code academicSessions}. */
    public static Optional<RosterFile> byEntity(String entity) {
        return Arrays.stream(values()).filter(f -> f.entity.equals(entity)).findFirst();
    }

    public static Optional<RosterFile> byFileName(String fileName) {
        return Arrays.stream(values()).filter(f -> f.fileName().equals(fileName)).findFirst();
    }
}
