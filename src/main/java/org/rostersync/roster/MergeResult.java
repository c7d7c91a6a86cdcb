package org.rostersync.roster;

import java.util.List;

/**
 * What merging one file changed: {@code restored} counts records brought back from tobedeleted (also in
 * {@code updated}); {@code activeBefore} the source's active records of the entity before the merge;
 * {@code deletionsPrevented} the records a bulk file no longer lists that stayed active because the source never deletes.
 * {@code duplicates} are rows whose sourcedId appeared earlier in the same file: only the first occurrence is imported.
 * {@code keptWithoutRecord} are the fingerprints of the sourcedIds {@link RowSink#keep} was asked to leave as they were
 * that have no active record to leave (and no row of the file wrote one).
 */
public record MergeResult(long inserted, long updated, long unchanged, long deleted, long restored, long activeBefore,
                          long deletionsPrevented, List<Duplicate> duplicates, List<Long> keptWithoutRecord) {

    /** Nothing merged (a file that was not read). */
    public static final MergeResult NONE = new MergeResult(0, 0, 0, 0, 0, 0, 0, List.of(), List.of());

    public record Duplicate(long line, String sourcedId, long firstLine) {
    }
}
