package org.rostersync.pipeline;

import org.rostersync.report.FileCounts;
import org.rostersync.report.Issue;
import org.rostersync.report.Outcome;

import java.util.List;
import java.util.Map;

/**
 * What an offline validation found: per file the rows read, skipped, errors and warnings, the issues listed (capped
 * per file and code) and the exact totals per outcome.
 *
 * @param readable false when the delivery could not be read at all (no OneRoster file, an unusable zip)
 */
public record ValidationReport(List<FileCounts> files, List<Issue> issues, Map<Outcome, Long> totals, boolean readable) {

    /** The exact number of issues with this outcome, including those not listed. */
    public long count(Outcome outcome) {
        return totals.getOrDefault(outcome, 0L);
    }

    /** Anything a vendor must fix: an error, a skipped row or a fatal issue. */
    public boolean hasErrors() {
        return count(Outcome.error) + count(Outcome.skipped) + count(Outcome.fatal) > 0;
    }
}
