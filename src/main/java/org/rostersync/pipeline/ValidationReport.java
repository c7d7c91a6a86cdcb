package org.rostersync.pipeline;

import org.rostersync.report.FileCounts;
import org.rostersync.report.Issue;
import org.rostersync.report.Outcome;

import java.util.List;

/**
 * What an offline validation found: per file the rows read, skipped, errors and warnings, and the issues.
 *
 * @param readable false when the delivery could not be read at all (no OneRoster file, an unusable zip)
 */
public record ValidationReport(List<FileCounts> files, List<Issue> issues, boolean readable) {

    public long count(Outcome outcome) {
        return issues.stream().filter(i -> i.outcome() == outcome).count();
    }

    /** Anything a vendor must fix: an error, a skipped row or a fatal issue. */
    public boolean hasErrors() {
        return issues.stream().anyMatch(i -> i.outcome() != Outcome.warning);
    }
}
