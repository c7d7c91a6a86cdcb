package org.rostersync.roster;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/** Takes checked rows of one file. */
@FunctionalInterface
public interface RowTarget {

    /**
     * @param line     the line the row starts on
     * @param offset   where the row starts in its file (see {@link RowSource}); the target only hands it back
     * @param status   {@code active} or {@code tobedeleted}; null means active
     * @param modified a delta row's dateLastModified, or null: the record's date is then the run's
     * @param values   one value per column of the file: String, Boolean, Integer, Double, LocalDate, Instant, List or null
     * @param metadata the row's {@code metadata.*} columns, without the prefix; may be empty
     */
    void add(long line, long offset, String sourcedId, String status, Instant modified, Object[] values, Map<String, String> metadata)
            throws IOException;
}
