package org.rostersync.report;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.rostersync.database.Db;
import org.rostersync.database.Row;
import org.rostersync.database.Statements;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/** SQL of runs' issues: written with the run's end, read by page, filter and group. */
@Singleton
public class IssueStore {

    private static final String ISSUE = "file, line, sourced_id, column_name, code, outcome, message, value";

    /** Issues are sent as arrays, this many a statement: one round trip and one statement for each part. */
    static final int ISSUES_PER_STATEMENT = 10_000;

    private final Db db;

    IssueStore(Db db) {
        this.db = db;
    }

    /**
     * Writes the run's issues in their order. Each part of up to {@link #ISSUES_PER_STATEMENT} is one statement over
     * arrays ({@code unnest}), not a row per batched INSERT: a run can list 100,000 issues, and row by row they took a
     * second or more.
     */
    static void insert(Statements tx, UUID runId, List<Issue> issues) {
        for (int from = 0; from < issues.size(); from += ISSUES_PER_STATEMENT) {
            List<Issue> part = issues.subList(from, Math.min(issues.size(), from + ISSUES_PER_STATEMENT));
            tx.update("""
                    INSERT INTO run_issue (run_id, seq, file, line, sourced_id, column_name, code, outcome, message, value)
                    SELECT ?, ? + t.ord::integer - 1, t.file, t.line, t.sourced_id, t.column_name, t.code, t.outcome, t.message, t.value
                    FROM unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                         WITH ORDINALITY AS t(file, line, sourced_id, column_name, code, outcome, message, value, ord)""",
                    runId, from, texts(part, Issue::file),
                    Statements.array("int8", part.stream().map(Issue::line).toArray(Long[]::new)),
                    texts(part, Issue::sourcedId), texts(part, Issue::column), texts(part, Issue::code),
                    texts(part, issue -> issue.outcome().name()), texts(part, Issue::message), texts(part, Issue::value));
        }
    }

    private static Object texts(List<Issue> issues, java.util.function.Function<Issue, String> field) {
        return Statements.array("text", issues.stream().map(field).toArray(String[]::new));
    }

    /** One row that starts with the columns of {@link #ISSUE}. */
    private static Issue issue(Row row) {
        return new Issue(row.text(1), row.nullableNumber(2), row.text(3), row.text(4), row.text(5), Outcome.valueOf(row.text(6)),
                row.text(7), row.text(8));
    }

    /** Every issue of a run, in order, to a consumer (for an export of any size). */
    public void forEachIssue(UUID runId, Consumer<Issue> consumer) {
        db.forEach("SELECT " + ISSUE + " FROM run_issue WHERE run_id = ? ORDER BY seq", IssueStore::issue, consumer, runId);
    }

    /** The run's issues whose code starts with the prefix, in the order they were found. */
    public List<Issue> issuesWithCode(UUID runId, String prefix, int limit) {
        return db.query("SELECT " + ISSUE + " FROM run_issue WHERE run_id = ? AND starts_with(code, ?) ORDER BY seq LIMIT ?",
                IssueStore::issue, runId, prefix, limit);
    }

    /** The run's most frequent issue codes with their outcome and count, most frequent first. */
    public List<IssueCount> issueCounts(UUID runId, int limit) {
        return db.query("""
                SELECT code, outcome, count(*) FROM run_issue WHERE run_id = ?
                GROUP BY code, outcome ORDER BY count(*) DESC, code, outcome LIMIT ?""",
                row -> new IssueCount(row.text(1), Outcome.valueOf(row.text(2)), row.number(3)), runId, limit);
    }

    public IssuePage issues(UUID runId, int limit, int offset) {
        return db.onOneConnection(c -> new IssuePage(
                c.query("SELECT " + ISSUE + " FROM run_issue WHERE run_id = ? ORDER BY seq LIMIT ? OFFSET ?", IssueStore::issue,
                        runId, limit, offset),
                c.one("SELECT count(*) FROM run_issue WHERE run_id = ?", row -> row.number(1), runId)));
    }

    /** How many of the run's issues match the filter. */
    public long countIssues(UUID runId, IssueFilter filter) {
        List<Object> values = new ArrayList<>();
        String where = where(runId, filter, values);
        return db.one("SELECT count(*) FROM run_issue" + where, row -> row.number(1), values.toArray());
    }

    /** A page of issues that match a filter, and the position to continue from (null on the last page). */
    public record IssuePageAfter(List<IssueSlice.Numbered> issues, @Nullable Integer after) {
    }

    /**
     * The issues after position {@code after} (null: from the first) that match the filter. Pages continue from the last
     * position shown, through the primary key, so the thousandth page of a run with 100,000 issues costs what the first
     * does.
     */
    public IssuePageAfter issuesAfter(UUID runId, IssueFilter filter, @Nullable Integer after, int limit) {
        List<Object> values = new ArrayList<>();
        String where = where(runId, filter, values);
        if (after != null) {
            values.add(after);
        }
        values.add(limit + 1);
        List<IssueSlice.Numbered> issues = new ArrayList<>(db.query("SELECT " + ISSUE + ", seq FROM run_issue" + where
                        + (after == null ? "" : " AND seq > ?") + " ORDER BY seq LIMIT ?",
                row -> new IssueSlice.Numbered(row.integer(9), issue(row)), values.toArray()));
        Integer more = null;
        if (issues.size() > limit) {
            issues.remove(limit);
            more = issues.get(limit - 1).seq();
        }
        return new IssuePageAfter(issues, more);
    }

    /** How many issues the run lists per file, code and outcome. */
    public List<IssueGroup> issueGroups(UUID runId) {
        return db.query("SELECT file, code, outcome, count(*) FROM run_issue WHERE run_id = ? GROUP BY file, code, outcome",
                row -> new IssueGroup(row.text(1), row.text(2), Outcome.valueOf(row.text(3)), row.number(4)), runId);
    }

    /** A group of issues: one code with one outcome about one file (null: the delivery as a whole). */
    record GroupKey(@Nullable String file, String code, Outcome outcome) {
    }

    /**
     * The first {@code perGroup} issues of each group, in the order found: one pass over the run's issues, numbered
     * within their group by a window, not a query per group (a rare group's first issue may be the run's last).
     */
    Map<GroupKey, List<RunSummary.Example>> firstOfEachGroup(UUID runId, int perGroup) {
        Map<GroupKey, List<RunSummary.Example>> out = new HashMap<>();
        db.forEach("""
                SELECT file, code, outcome, line, sourced_id, column_name, value, message FROM (
                    SELECT file, code, outcome, line, sourced_id, column_name, value, message, seq,
                           row_number() OVER (PARTITION BY file, code, outcome ORDER BY seq) AS n
                    FROM run_issue WHERE run_id = ?) numbered
                WHERE n <= ? ORDER BY seq""",
                row -> Map.entry(new GroupKey(row.text(1), row.text(2), Outcome.valueOf(row.text(3))),
                        new RunSummary.Example(row.nullableNumber(4), row.text(5), row.text(6), row.text(7), row.text(8))),
                e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()), runId, perGroup);
        return out;
    }

    /** The WHERE clause of a filter, its values added to {@code values} in order. */
    private static String where(UUID runId, IssueFilter filter, List<Object> values) {
        StringBuilder where = new StringBuilder(" WHERE run_id = ?");
        values.add(runId);
        if (filter.file() != null) {
            where.append(" AND file = ?");
            values.add(filter.file());
        }
        if (filter.outcome() != null) {
            where.append(" AND outcome = ?");
            values.add(filter.outcome().name());
        }
        if (filter.code() != null) {
            where.append(filter.code().endsWith(".") ? " AND starts_with(code, ?)" : " AND code = ?");
            values.add(filter.code());
        }
        if (filter.sourcedId() != null) {
            where.append(" AND starts_with(sourced_id, ?)");
            values.add(filter.sourcedId());
        }
        return where.toString();
    }
}
