package org.rostersync.pipeline;

import org.rostersync.report.IssueAt;
import org.rostersync.report.IssueCode;

/** Where a row is (its file, its line, the record it names), for the issues about its fields. */
record RowPlace(String file, long line, String sourcedId) {

    IssueAt issue(IssueCode code, String column) {
        return code.at(file, line).record(sourcedId).column(column);
    }
}
