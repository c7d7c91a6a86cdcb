package org.rostersync.roster;

import java.util.List;

/**
 * What merging one file changed. {@code duplicates} are rows whose sourcedId appeared earlier in the same file: only the
 * first occurrence is imported.
 */
public record MergeResult(long inserted, long updated, long unchanged, long deleted, List<Duplicate> duplicates) {

    public record Duplicate(long line, String sourcedId, long firstLine) {
    }
}
