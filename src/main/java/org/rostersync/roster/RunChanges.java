package org.rostersync.roster;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.rostersync.database.Db;
import org.rostersync.database.Row;
import org.rostersync.oneroster.Column;
import org.rostersync.oneroster.RosterFile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Reads what runs changed: a run's changes a page at a time or all of them, and one record's history. The changes,
 * withdrawals and restores are the change log's rows ({@code run_change}); an applied run's inserts are the records
 * whose {@code inserted_by} is the run (a held run logged its inserts too, as nothing of it is in the roster).
 */
@Singleton
public class RunChanges {

    private final Db db;

    RunChanges(Db db) {
        this.db = db;
    }

    /** Whose changes: the run, and the tenant and source whose roster it wrote. */
    public record Of(UUID runId, UUID tenantId, UUID sourceId) {
    }

    /**
     * A page of the run's changes, in file order then by sourcedId.
     *
     * @param file  only this file's, or null for every file
     * @param op    only these, or null for all
     * @param after the page's start: null for the first, else the {@link ChangePage#after} of the page before
     * @throws IllegalArgumentException when {@code after} is not one that a page gave
     */
    public ChangePage page(Of run, @Nullable RosterFile file, @Nullable ChangeOp op, @Nullable String after, int limit) {
        Optional<Cursor> from = Cursor.parse(after);
        List<Change> out = new ArrayList<>();
        // one more than asked for: whether there is a next page
        for (RosterFile f : RosterFile.values()) {
            if ((file != null && f != file) || (from.isPresent() && f.ordinal() < from.get().file().ordinal())) {
                continue;
            }
            String start = from.isPresent() && from.get().file() == f ? from.get().sourcedId() : "";
            out.addAll(read(run, f, op, start, limit + 1 - out.size()));
            if (out.size() > limit) {
                Change last = out.get(limit - 1);
                return new ChangePage(List.copyOf(out.subList(0, limit)), last.file() + ":" + last.sourcedId());
            }
        }
        return new ChangePage(out, null);
    }

    /** Every change of the run, in file order then by sourcedId, a page at a time (a first night has millions). */
    public void forEach(Of run, Consumer<Change> each) {
        String after = null;
        do {
            ChangePage page = page(run, null, null, after, 5_000);
            page.changes().forEach(each);
            after = page.after();
        } while (after != null);
    }

    /**
     * One record's history in a tenant, newest run first: the runs that inserted, changed, withdrew or restored it, held
     * ones included (not applied).
     */
    public List<RecordChange> history(UUID tenantId, RosterFile file, String sourcedId) {
        String sql = "SELECT c.run_id, c.op, c.sourced_id, c.name, c.school, f.key, " + text("f.value->0") + ", " + text("f.value->1")
                + ", r.status, r.created_at, r.applied_at FROM (SELECT run_id, op, sourced_id, name, school, fields FROM run_change"
                + " WHERE tenant_id = ? AND sourced_id = ? AND file = ? UNION ALL SELECT t.inserted_by, 'inserted', t.sourced_id, "
                + RosterTable.nameSql(file, "t") + ", " + RosterTable.schoolSql(file, "t") + ", NULL FROM " + RosterTable.name(file)
                + " t WHERE t.tenant_id = ? AND t.sourced_id = ? AND t.inserted_by IS NOT NULL) c JOIN run r ON r.id = c.run_id"
                + " LEFT JOIN LATERAL jsonb_each(c.fields) f ON true ORDER BY r.created_at DESC, c.run_id";
        List<RecordChange> out = new ArrayList<>();
        Grouping grouping = new Grouping(file);
        db.forEach(sql, row -> {
            Change change = grouping.add(row);
            return change == null ? null : new RecordChange(change, row.text(9), row.instant(10), row.instant(11));
        }, started -> {
            if (started != null) {
                out.add(started);
            }
        }, tenantId, sourcedId, file.fileName(), tenantId, sourcedId);
        return out.stream().map(c -> new RecordChange(grouping.sorted(c.change()), c.runStatus(), c.runCreatedAt(), c.appliedAt())).toList();
    }

    /** Up to {@code limit} changes of one file after the sourcedId {@code after}. */
    private List<Change> read(Of run, RosterFile file, @Nullable ChangeOp op, String after, int limit) {
        List<Object> params = new ArrayList<>(List.of(run.runId(), file.fileName()));
        StringBuilder changes = new StringBuilder("(SELECT run_id, op, sourced_id, name, school, fields FROM run_change WHERE run_id = ? AND file = ?");
        if (op != null) {
            changes.append(" AND op = ?");
            params.add(op.name());
        }
        changes.append(" AND sourced_id > ? ORDER BY sourced_id LIMIT ?)");
        params.add(after);
        params.add(limit);
        if (op == null || op == ChangeOp.inserted) {
            // the PK (tenant, sourcedId, source) gives the records in order: a page stops at its limit
            changes.append(" UNION ALL (SELECT t.inserted_by, 'inserted', t.sourced_id, ").append(RosterTable.nameSql(file, "t")).append(", ")
                    .append(RosterTable.schoolSql(file, "t")).append(", NULL FROM ").append(RosterTable.name(file))
                    .append(" t WHERE t.tenant_id = ? AND t.sourced_id > ? AND t.source_id = ? AND t.inserted_by = ? ORDER BY t.sourced_id LIMIT ?)");
            params.addAll(List.of(run.tenantId(), after, run.sourceId(), run.runId(), limit));
        }
        String sql = "SELECT c.run_id, c.op, c.sourced_id, c.name, c.school, f.key, " + text("f.value->0") + ", " + text("f.value->1")
                + " FROM (SELECT * FROM (" + changes + ") u ORDER BY sourced_id LIMIT ?) c LEFT JOIN LATERAL jsonb_each(c.fields) f ON true"
                + " ORDER BY c.sourced_id";
        params.add(limit);
        Grouping grouping = new Grouping(file);
        List<Change> out = new ArrayList<>();
        db.forEach(sql, grouping::add, started -> {
            if (started != null) {
                out.add(started);
            }
        }, params.toArray());
        return out.stream().map(grouping::sorted).toList();
    }

    private static String text(String json) {
        return RosterTable.textSql(json);
    }

    /**
     * Gathers the rows of a query that gives one row per changed field (or one row with no field) into changes: a new
     * change starts with each new run and sourcedId. Its fields are sorted in the file's column order afterwards.
     */
    private static final class Grouping {
        private final RosterFile file;
        private Change current;

        Grouping(RosterFile file) {
            this.file = file;
        }

        /** The change the row starts, or null when the row adds a field to the last one. */
        Change add(Row row) {
            UUID runId = row.uuid(1);
            String sourcedId = row.text(3);
            String field = row.text(6);
            if (current == null || !current.runId().equals(runId) || !current.sourcedId().equals(sourcedId)) {
                current = new Change(runId, file.fileName(), ChangeOp.valueOf(row.text(2)), sourcedId, row.text(4), row.text(5),
                        new ArrayList<>());
                if (field != null) {
                    current.fields().add(new Change.Field(field, row.text(7), row.text(8)));
                }
                return current;
            }
            current.fields().add(new Change.Field(field, row.text(7), row.text(8)));
            return null;
        }

        /** The change with its fields in the file's column order (status and metadata first), and unmodifiable. */
        Change sorted(Change change) {
            List<Change.Field> fields = new ArrayList<>(change.fields());
            fields.sort(Comparator.comparingInt(f -> position(f.name())));
            return new Change(change.runId(), change.file(), change.op(), change.sourcedId(), change.name(), change.school(), List.copyOf(fields));
        }

        private int position(String name) {
            if (name.equals("status")) {
                return -2;
            }
            if (name.equals("metadata")) {
                return -1;
            }
            List<Column> columns = file.columns();
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(name)) {
                    return i;
                }
            }
            return columns.size();
        }
    }

    /** Where a page starts: after this sourcedId of this file. Written {@code file:sourcedId}. */
    private record Cursor(RosterFile file, String sourcedId) {

        static Optional<Cursor> parse(@Nullable String after) {
            if (after == null || after.isEmpty()) {
                return Optional.empty();
            }
            int colon = after.indexOf(':');
            Optional<RosterFile> file = colon < 0 ? Optional.empty() : RosterFile.byFileName(after.substring(0, colon));
            if (file.isEmpty()) {
                throw new IllegalArgumentException("after must be the after of a page of changes (file:sourcedId), not '" + after + "'");
            }
            return Optional.of(new Cursor(file.get(), after.substring(colon + 1)));
        }
    }
}
