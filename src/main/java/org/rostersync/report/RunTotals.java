package org.rostersync.report;

import jakarta.inject.Singleton;
import org.rostersync.database.Db;
import org.rostersync.database.Statements;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** SQL of the dashboard's totals: how many runs some sources had in a time, the records they read and the issues found. */
@Singleton
public class RunTotals {

    /** What some sources' runs of a time did: runs queued in it, rows they read, their errors, warnings and skipped records. */
    public record Totals(long runs, long records, long issues) {
    }

    private final Db db;

    RunTotals(Db db) {
        this.db = db;
    }

    /** The totals of the sources' runs queued from {@code from} (inclusive) to {@code to} (exclusive). */
    public Totals between(Collection<UUID> sourceIds, Instant from, Instant to) {
        if (sourceIds.isEmpty()) {
            return new Totals(0, 0, 0);
        }
        return db.one("""
                SELECT count(*), coalesce(sum(f.records), 0), coalesce(sum(f.issues), 0)
                FROM run r LEFT JOIN LATERAL (
                    SELECT sum(rows) AS records, sum(errors + warnings + skipped) AS issues FROM run_file WHERE run_id = r.id) f ON true
                WHERE r.source_id = ANY (?) AND r.created_at >= ? AND r.created_at < ?""",
                row -> new Totals(row.number(1), row.number(2), row.number(3)), Statements.uuids(List.copyOf(sourceIds)), from, to);
    }
}
