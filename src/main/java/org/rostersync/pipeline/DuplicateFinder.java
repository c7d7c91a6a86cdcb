package org.rostersync.pipeline;

import org.rostersync.roster.MergeResult;
import org.rostersync.roster.RowSink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sink of an offline validation: remembers each sourcedId's first line (as a fingerprint, see
 * {@link FingerprintTable}) to report repeats exactly as an import would: the first row wins.
 */
final class DuplicateFinder implements RowSink {

    private final FingerprintTable firstLines;

    /** @param expectedRows about how many rows the file has (its size over a short row's length will do) */
    DuplicateFinder(long expectedRows) {
        this.firstLines = new FingerprintTable(expectedRows);
    }
    private final List<MergeResult.Duplicate> duplicates = new ArrayList<>();

    @Override
    public void add(long line, String sourcedId, String status, java.time.Instant modified, Object[] values, Map<String, String> metadata) {
        int first = firstLines.putIfAbsent(sourcedId, (int) Math.min(line, Integer.MAX_VALUE));
        if (first != FingerprintTable.ABSENT) {
            duplicates.add(new MergeResult.Duplicate(line, sourcedId, first));
        }
    }

    @Override
    public MergeResult finish() {
        return new MergeResult(0, 0, 0, 0, 0, 0, 0, List.copyOf(duplicates));
    }

    @Override
    public void close() {
        // nothing held outside the heap
    }
}
