package org.rostersync.roster;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.rostersync.database.Db;
import org.rostersync.database.Row;
import org.rostersync.oneroster.Column;
import org.rostersync.oneroster.RosterFile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Finds a tenant's records for an operator, withdrawn ones included: by sourcedId, a name or title, an email, an
 * identifier, a username or a class or course code; and shows one with its related records (a user's enrollments, a
 * class's members, a course's classes, a school's classes) and its history of runs ({@link RunChanges#history}).
 */
@Singleton
public class RecordLookup {

    /** Search results and related records at most. */
    public static final int LIMIT = 200;

    private final Db db;
    private final RunChanges changes;

    RecordLookup(Db db, RunChanges changes) {
        this.db = db;
        this.changes = changes;
    }

    /** A record found, as a line of a list: its file, source, sourcedId, name or title, school and status. */
    @Serdeable
    public record Found(String file, UUID sourceId, String sourcedId, @Nullable String name, @Nullable String school, String status) {
    }

    /** A record's values in one source, by CSV column name, as the CSV would write them. */
    @Serdeable
    public record Values(UUID sourceId, String status, Instant dateLastModified, @Nullable String metadata, List<Value> fields) {

        @Serdeable
        public record Value(String name, @Nullable String value) {
        }
    }

    /**
     * One record of a tenant: its values in each source that has it (usually one), its related records, and the runs that
     * inserted, changed, withdrew or restored it, newest first.
     */
    @Serdeable
    public record View(String file, String sourcedId, List<Values> records, List<Found> related, List<RecordChange> history) {
    }

    /**
     * The tenant's records that match the text: an exact sourcedId first, then names and titles that contain it, emails,
     * identifiers, usernames and codes equal to it (emails in any case).
     */
    public List<Found> search(UUID tenantId, String text, int limit) {
        String like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        List<Found> out = new ArrayList<>();
        for (RosterFile file : RosterFile.values()) {
            if (out.size() >= limit) {
                break;
            }
            String matches = switch (file) {
                case USERS -> " OR concat_ws(' ', t.given_name, t.family_name) ILIKE ? OR lower(t.email) = lower(?) OR t.identifier = ?"
                        + " OR t.username = ?";
                case CLASSES -> " OR t.title ILIKE ? OR t.class_code = ?";
                case COURSES -> " OR t.title ILIKE ? OR t.course_code = ?";
                case ORGS -> " OR t.name ILIKE ? OR t.identifier = ?";
                case ACADEMIC_SESSIONS -> " OR t.title ILIKE ?";
                case DEMOGRAPHICS, ENROLLMENTS -> "";
            };
            List<Object> params = new ArrayList<>(List.of(tenantId, text));
            switch (file) {
                case USERS -> params.addAll(List.of(like, text, text, text));
                case CLASSES, COURSES, ORGS -> params.addAll(List.of(like, text));
                case ACADEMIC_SESSIONS -> params.add(like);
                case DEMOGRAPHICS, ENROLLMENTS -> {
                }
            }
            params.add(text); // ORDER BY: the exact sourcedId first
            params.add(limit - out.size());
            out.addAll(db.query("SELECT t.source_id, t.sourced_id, " + RosterTable.nameSql(file, "t") + ", " + RosterTable.schoolSql(file, "t")
                    + ", t.status FROM " + RosterTable.name(file) + " t WHERE t.tenant_id = ? AND (t.sourced_id = ?" + matches + ")"
                    + " ORDER BY t.sourced_id = ? DESC, t.sourced_id LIMIT ?", row -> found(file, row), params.toArray()));
        }
        return out;
    }

    /** The entities a record can be of, as its addresses name them: users, classes, ... */
    public static List<String> entities() {
        return java.util.Arrays.stream(RosterFile.values()).map(RosterFile::entity).toList();
    }

    /**
     * The tenant's record of the entity (users, classes, ...) with the sourcedId, or empty when no source has one and no
     * run wrote one, or the entity is none of {@link #entities()}.
     */
    public Optional<View> record(UUID tenantId, String entity, String sourcedId) {
        return RosterFile.byEntity(entity).flatMap(file -> record(tenantId, file, sourcedId));
    }

    private Optional<View> record(UUID tenantId, RosterFile file, String sourcedId) {
        StringBuilder columns = new StringBuilder();
        for (Column c : file.columns()) {
            columns.append(", ").append(RosterTable.textSql("to_jsonb(t.\"" + RosterTable.column(c) + "\")"));
        }
        List<Values> records = db.query("SELECT t.source_id, t.status, t.date_last_modified, t.metadata::text" + columns + " FROM "
                + RosterTable.name(file) + " t WHERE t.tenant_id = ? AND t.sourced_id = ? ORDER BY t.source_id", row -> {
                    List<Values.Value> values = new ArrayList<>();
                    for (int i = 0; i < file.columns().size(); i++) {
                        values.add(new Values.Value(file.columns().get(i).name(), row.text(5 + i)));
                    }
                    return new Values(row.uuid(1), row.text(2), row.instant(3), row.text(4), List.copyOf(values));
                }, tenantId, sourcedId);
        List<RecordChange> history = changes.history(tenantId, file, sourcedId);
        if (records.isEmpty() && history.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new View(file.fileName(), sourcedId, records, related(tenantId, file, sourcedId), history));
    }

    /** A user's enrollments, a class's members, a course's classes, a school's classes, an enrollment's user and class. */
    private List<Found> related(UUID tenantId, RosterFile file, String sourcedId) {
        String enrollment = "concat_ws(' ', e.role, 'of', coalesce(nullif(concat_ws(' ', u.given_name, u.family_name), ''), e.user_sourced_id),"
                + " 'in', coalesce(c.title, e.class_sourced_id))";
        String enrollments = "SELECT e.source_id, e.sourced_id, " + enrollment + ", e.school_sourced_id, e.status FROM roster_enrollment e"
                + " LEFT JOIN roster_user u ON u.tenant_id = e.tenant_id AND u.sourced_id = e.user_sourced_id AND u.source_id = e.source_id"
                + " LEFT JOIN roster_class c ON c.tenant_id = e.tenant_id AND c.sourced_id = e.class_sourced_id AND c.source_id = e.source_id"
                + " WHERE e.tenant_id = ? AND e.%s = ? ORDER BY e.status, e.sourced_id LIMIT " + LIMIT;
        String classes = "SELECT c.source_id, c.sourced_id, c.title, c.school_sourced_id, c.status FROM roster_class c"
                + " WHERE c.tenant_id = ? AND c.%s = ? ORDER BY c.status, c.sourced_id LIMIT " + LIMIT;
        return switch (file) {
            case USERS -> db.query(String.format(enrollments, "user_sourced_id"), row -> found(RosterFile.ENROLLMENTS, row), tenantId, sourcedId);
            case CLASSES -> db.query(String.format(enrollments, "class_sourced_id"), row -> found(RosterFile.ENROLLMENTS, row), tenantId, sourcedId);
            case COURSES -> db.query(String.format(classes, "course_sourced_id"), row -> found(RosterFile.CLASSES, row), tenantId, sourcedId);
            case ORGS -> db.query(String.format(classes, "school_sourced_id"), row -> found(RosterFile.CLASSES, row), tenantId, sourcedId);
            case ENROLLMENTS -> {
                List<Found> out = new ArrayList<>();
                out.addAll(db.query("SELECT u.source_id, u.sourced_id, " + RosterTable.nameSql(RosterFile.USERS, "u") + ", "
                        + RosterTable.schoolSql(RosterFile.USERS, "u") + ", u.status FROM roster_enrollment e JOIN roster_user u"
                        + " ON u.tenant_id = e.tenant_id AND u.sourced_id = e.user_sourced_id AND u.source_id = e.source_id"
                        + " WHERE e.tenant_id = ? AND e.sourced_id = ?", row -> found(RosterFile.USERS, row), tenantId, sourcedId));
                out.addAll(db.query("SELECT c.source_id, c.sourced_id, c.title, c.school_sourced_id, c.status FROM roster_enrollment e"
                        + " JOIN roster_class c ON c.tenant_id = e.tenant_id AND c.sourced_id = e.class_sourced_id AND c.source_id = e.source_id"
                        + " WHERE e.tenant_id = ? AND e.sourced_id = ?", row -> found(RosterFile.CLASSES, row), tenantId, sourcedId));
                yield out;
            }
            case ACADEMIC_SESSIONS, DEMOGRAPHICS -> List.of();
        };
    }

    private static Found found(RosterFile file, Row row) {
        return new Found(file.fileName(), row.uuid(1), row.text(2), row.text(3), row.text(4), row.text(5));
    }
}
