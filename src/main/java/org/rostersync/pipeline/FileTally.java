package org.rostersync.pipeline;

import org.rostersync.report.FileCounts;
import org.rostersync.report.Outcome;
import org.rostersync.roster.MergeResult;

/**
 * One file's import so far: the rows read and skipped, the bulk rows that fill status or dateLastModified, what the
 * merge made of it and when it ran (System.nanoTime, 0 while it has not).
 */
final class FileTally {

    private final PlannedFile planned;
    private final long started = System.nanoTime();
    private long rows;
    private long skipped;
    private long filled;
    private long firstFilled;
    private long mergeStarted;
    private long mergeEnded;
    private MergeResult merged = MergeResult.NONE;
    /** The file's rows as known before reading it, for progress lines. */
    private RowCount total = new RowCount(0, false);

    FileTally(PlannedFile planned) {
        this.planned = planned;
    }

    /** Counts a row read; returns how many so far. */
    long read() {
        return ++rows;
    }

    long rows() {
        return rows;
    }

    void skipped() {
        skipped++;
    }

    /** A bulk row that fills status or dateLastModified. */
    void filled(long line) {
        if (filled++ == 0) {
            firstFilled = line;
        }
    }

    long filled() {
        return filled;
    }

    long firstFilled() {
        return firstFilled;
    }

    void mergeStarts() {
        mergeStarted = System.nanoTime();
    }

    void merged(MergeResult result) {
        merged = result;
        mergeEnded = System.nanoTime();
    }

    MergeResult merged() {
        return merged;
    }

    FileCounts counts(RunIssues issues) {
        long readEnded = mergeStarted == 0 ? System.nanoTime() : mergeStarted;
        String name = planned.file().fileName();
        return new FileCounts(name, planned.mode(), rows, merged.inserted(), merged.updated(), merged.unchanged(),
                merged.deleted(), merged.restored(), skipped, issues.count(name, Outcome.error), issues.count(name, Outcome.warning),
                merged.activeBefore(), (readEnded - started) / 1_000_000, (mergeEnded - mergeStarted) / 1_000_000);
    }

    void total(RowCount total) {
        this.total = total;
    }

    RowCount total() {
        return total;
    }
}
