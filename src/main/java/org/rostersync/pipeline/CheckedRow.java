package org.rostersync.pipeline;

import org.rostersync.report.Issue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One row as the checks left it, with its issues (held until it is known whether the record is kept) and its
 * references within its file that point forward (settled at the file's end).
 *
 * @param filled a bulk row that fills status or dateLastModified
 */
record CheckedRow(Verdict verdict, String sourcedId, String status, Instant modified, Object[] values,
                  Map<String, String> metadata, boolean filled, List<Issue> issues, List<References.Forward> forwards) {

    /** What the checks make of a row. */
    enum Verdict {
        /** The row cannot be identified, or is no record (a blank line): skipped, with its issue. */
        UNREADABLE,
        /** The row cannot be read as a whole, but names its record: that record is left exactly as it was. */
        LEFT_AS_IT_WAS,
        /** A field the source requires (Skip if Missing) is missing or invalid: skipped, with the skipped issues. */
        SKIPPED,
        /** The record is imported (with its errors and warnings). */
        KEPT
    }

    static CheckedRow unreadable(List<Issue> issues) {
        return new CheckedRow(Verdict.UNREADABLE, null, null, null, null, null, false, issues, List.of());
    }

    static CheckedRow leftAsItWas(String sourcedId, List<Issue> issues) {
        return new CheckedRow(Verdict.LEFT_AS_IT_WAS, sourcedId, null, null, null, null, false, issues, List.of());
    }
}
