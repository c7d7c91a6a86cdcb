package org.rostersync.pipeline;

import org.rostersync.roster.MergeResult;
import org.rostersync.roster.RowSink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sink of an offline validation: keeps nothing but each sourcedId's first line, to report repeats exactly as an
 * import would (the first row wins). Memory grows with the number of distinct sourcedIds in one file.
 */
final class DuplicateFinder implements RowSink {

    private final Map<String, Long> firstLine = new HashMap<>();
    private final List<MergeResult.Duplicate> duplicates = new ArrayList<>();

    @Override
    public void add(long line, String sourcedId, String status, Object[] values, Map<String, String> metadata) {
        Long first = firstLine.putIfAbsent(sourcedId, line);
        if (first != null) {
            duplicates.add(new MergeResult.Duplicate(line, sourcedId, first));
        }
    }

    @Override
    public MergeResult finish() {
        return new MergeResult(0, 0, 0, 0, List.copyOf(duplicates));
    }

    @Override
    public void close() {
        firstLine.clear();
    }
}
