package org.rostersync.roster;

import org.rostersync.oneroster.ColumnType;
import org.rostersync.oneroster.RosterFile;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Writes a query's WHERE clause: the scope (tenant, sources, schools), the endpoint's constraints and the client's filter.
 * Every field comes from {@link RosterFields}; every value is bound.
 */
final class Where {

    private Where() {
    }

    static void scope(Sql sql, RosterFile file, Scope scope) {
        sql.append(" WHERE t.tenant_id = ?", scope.tenantId());
        if (!scope.sourceIds().isEmpty()) {
            sql.append(" AND t.source_id = ANY (?)", Sql.uuids(scope.sourceIds()));
        }
        if (scope.schoolSourcedIds().isEmpty()) {
            return;
        }
        Object schools = Sql.texts(scope.schoolSourcedIds());
        switch (file) {
            case ORGS -> sql.append(" AND t.sourced_id = ANY (?)", schools);
            case USERS -> sql.append(" AND t.org_sourced_ids && ?", schools);
            case CLASSES, ENROLLMENTS -> sql.append(" AND t.school_sourced_id = ANY (?)", schools);
            case COURSES -> sql.append(" AND t.org_sourced_id = ANY (?)", schools);
            case ACADEMIC_SESSIONS -> {
                // sessions are the district's calendar, not a school's
            }
            case DEMOGRAPHICS -> {
                sql.append(" AND EXISTS (SELECT 1 FROM roster_user u WHERE u.tenant_id = t.tenant_id"
                        + " AND u.sourced_id = t.sourced_id AND u.org_sourced_ids && ?", schools);
                if (!scope.sourceIds().isEmpty()) {
                    sql.append(" AND u.source_id = ANY (?)", Sql.uuids(scope.sourceIds()));
                }
                sql.append(")");
            }
        }
    }

    static void constraint(Sql sql, RosterFile file, Scope scope, Constraint constraint) throws InvalidQueryException {
        sql.append(" AND ");
        if (constraint instanceof Condition c) {
            condition(sql, file, c);
        } else if (constraint instanceof Related r) {
            related(sql, file, scope, r);
        }
    }

    static void filter(Sql sql, RosterFile file, Filter filter) throws InvalidQueryException {
        sql.append(" AND (");
        for (int i = 0; i < filter.conditions().size(); i++) {
            if (i > 0) {
                sql.append(filter.any() ? " OR " : " AND ");
            }
            condition(sql, file, filter.conditions().get(i));
        }
        sql.append(")");
    }

    /** The related table's sourcedIds are in the default collation, the keys in "C": the subquery says which to use. */
    private static void related(Sql sql, RosterFile file, Scope scope, Related r) throws InvalidQueryException {
        switch (r.link()) {
            case USERS_IN_CLASS -> {
                expect(file, RosterFile.USERS, r);
                sql.append("t.sourced_id IN (SELECT e.user_sourced_id COLLATE \"C\" FROM roster_enrollment e"
                        + " WHERE e.tenant_id = ? AND e.class_sourced_id = ?", scope.tenantId(), r.sourcedId());
                enrollmentDetails(sql, scope, r);
            }
            case CLASSES_OF_USER -> {
                expect(file, RosterFile.CLASSES, r);
                sql.append("t.sourced_id IN (SELECT e.class_sourced_id COLLATE \"C\" FROM roster_enrollment e"
                        + " WHERE e.tenant_id = ? AND e.user_sourced_id = ?", scope.tenantId(), r.sourcedId());
                enrollmentDetails(sql, scope, r);
            }
            case SESSIONS_OF_SCHOOL -> {
                expect(file, RosterFile.ACADEMIC_SESSIONS, r);
                sql.append("t.sourced_id IN (SELECT term COLLATE \"C\" FROM roster_class c, unnest(c.term_sourced_ids) AS term"
                        + " WHERE c.tenant_id = ? AND c.school_sourced_id = ?", scope.tenantId(), r.sourcedId());
                if (!scope.sourceIds().isEmpty()) {
                    sql.append(" AND c.source_id = ANY (?)", Sql.uuids(scope.sourceIds()));
                }
                sql.append(")");
            }
        }
    }

    private static void enrollmentDetails(Sql sql, Scope scope, Related r) {
        if (r.role() != null) {
            sql.append(" AND e.role = ?", r.role());
        }
        if (r.school() != null) {
            sql.append(" AND e.school_sourced_id = ?", r.school());
        }
        if (!scope.sourceIds().isEmpty()) {
            sql.append(" AND e.source_id = ANY (?)", Sql.uuids(scope.sourceIds()));
        }
        sql.append(")");
    }

    private static void expect(RosterFile file, RosterFile expected, Related r) {
        if (file != expected) {
            throw new IllegalArgumentException(r.link() + " relates " + expected + ", not " + file);
        }
    }

    static void condition(Sql sql, RosterFile file, Condition c) throws InvalidQueryException {
        if (c.value().indexOf('\0') >= 0) {
            throw new InvalidQueryException(false, "the value of " + c.field() + " holds a NUL character");
        }
        if (c.field().startsWith("metadata.") && c.field().length() > "metadata.".length()) {
            // the key is bound too: a metadata key is any text the delivery's header had after "metadata."
            sql.append("(t.metadata ->> ?)", c.field().substring("metadata.".length()));
            compare(sql, ColumnType.STRING, c);
            return;
        }
        RosterFields.Field field = RosterFields.of(file, c.field()).orElseThrow(() -> new InvalidQueryException(true,
                "unknown field '" + c.field() + "' for " + file.entity()));
        if (field.type() == ColumnType.LIST) {
            list(sql, field.sql(), c);
            return;
        }
        sql.append(field.sql());
        compare(sql, field.type(), c);
    }

    /** On a list, = and != ask whether it holds the value, ~ whether one of its elements contains it. */
    private static void list(Sql sql, String expression, Condition c) throws InvalidQueryException {
        switch (c.op()) {
            case EQ -> sql.append(expression + " @> ARRAY[?]::text[]", c.value());
            case NE -> sql.append("(" + expression + " @> ARRAY[?]::text[]) IS NOT TRUE", c.value());
            case CONTAINS -> sql.append("EXISTS (SELECT 1 FROM unnest(" + expression + ") AS x WHERE x ILIKE ? ESCAPE '\\')",
                    "%" + likeEscaped(c.value()) + "%");
            default -> throw refused(c, "a list");
        }
    }

    private static void compare(Sql sql, ColumnType type, Condition c) throws InvalidQueryException {
        Op op = c.op();
        if (op == Op.CONTAINS) {
            if (type != ColumnType.STRING && type != ColumnType.ENUM) {
                throw refused(c, typeName(type));
            }
            sql.append(" ILIKE ? ESCAPE '\\'", "%" + likeEscaped(c.value()) + "%");
            return;
        }
        if (type == ColumnType.BOOLEAN && op.ordering()) {
            throw refused(c, "a boolean");
        }
        Object value = value(type, c);
        sql.append(op == Op.NE ? " IS DISTINCT FROM ?" : " " + op.symbol() + " ?", value);
    }

    private static Object value(ColumnType type, Condition c) throws InvalidQueryException {
        String text = c.value();
        try {
            if ((type == ColumnType.DATE || type == ColumnType.DATETIME) && !text.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}.*")) {
                // java.time also reads years like +999999999, which PostgreSQL cannot store: keep to four digits
                throw new NumberFormatException();
            }
            return switch (type) {
                case STRING, ENUM -> text;
                case DATE -> LocalDate.parse(text);
                case DATETIME -> instant(text).atOffset(ZoneOffset.UTC);
                case YEAR -> {
                    if (!text.matches("[0-9]{4}")) {
                        throw new NumberFormatException();
                    }
                    yield Integer.parseInt(text);
                }
                case FLOAT -> {
                    double d = Double.parseDouble(text);
                    if (!Double.isFinite(d)) {
                        throw new NumberFormatException();
                    }
                    yield d;
                }
                case BOOLEAN -> switch (text.toLowerCase(Locale.ROOT)) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw new NumberFormatException();
                };
                case LIST, USER_IDS -> throw new IllegalStateException("not a single value: " + type);
            };
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new InvalidQueryException(false, c.field() + " is " + typeName(type) + ", and '" + shortened(text)
                    + "' is not one (expected " + example(type) + ")");
        }
    }

    /** A datetime with an offset, one without (UTC), or a date (its midnight, UTC). */
    private static Instant instant(String text) {
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        }
    }

    static String likeEscaped(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static InvalidQueryException refused(Condition c, String what) {
        return new InvalidQueryException(false, "the operator " + c.op().symbol() + " does not apply to " + c.field()
                + ", " + what);
    }

    private static String typeName(ColumnType type) {
        return switch (type) {
            case DATE -> "a date";
            case DATETIME -> "a datetime";
            case YEAR -> "a year";
            case FLOAT -> "a number";
            case BOOLEAN -> "a boolean";
            case LIST -> "a list";
            default -> "text";
        };
    }

    private static String example(ColumnType type) {
        return switch (type) {
            case DATE -> "YYYY-MM-DD";
            case DATETIME -> "an ISO 8601 datetime such as 2024-01-01T00:00:00Z, or a date";
            case YEAR -> "YYYY";
            case FLOAT -> "a decimal number";
            case BOOLEAN -> "true or false";
            default -> "text";
        };
    }

    private static String shortened(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
