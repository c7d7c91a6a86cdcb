package org.rostersync.report;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * A page of a run's issues that match a filter, in the order they were found.
 *
 * @param matching how many issues of the run match the filter
 * @param after    the position to ask for the next page from, or null on the last page
 */
public record IssueSlice(List<Numbered> issues, long matching, @Nullable Integer after) {

    /** An issue with its position among the run's issues ({@code seq} 0 is the first found, the key pages continue from). */
    public record Numbered(int seq, Issue issue) {

        /** The issue's number as people count: 1 for the first found. */
        public int number() {
            return seq + 1;
        }
    }
}
