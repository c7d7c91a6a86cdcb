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
 * @param perCode  per file ("" for the delivery as a whole), per code: the exact number of issues, listed or not
 * @param readable false when the delivery could not be read at all (no OneRoster file, an unusable zip)
 */
public record ValidationReport(List<FileCounts> files, List<Issue> issues, Map<Outcome, Long> totals,
                               Map<String, Map<String, Long>> perCode, boolean readable) {

    /** The exact number of issues with this outcome, including those not listed. */
    public long count(Outcome outcome) {
        return totals.getOrDefault(outcome, 0L);
    }

    /** The exact number of issues of this code in this file (null: the delivery as a whole), listed or not. */
    public long count(String file, String code) {
        return perCode.getOrDefault(file == null ? "" : file, Map.of()).getOrDefault(code, 0L);
    }

    /** Anything a vendor must fix: an error, a skipped row or a fatal issue. */
    public boolean hasErrors() {
        return count(Outcome.error) + count(Outcome.skipped) + count(Outcome.fatal) > 0;
    }
}
