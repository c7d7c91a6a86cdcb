package org.rostersync.roster;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Map;

/**
 * Where the checked rows of one file go: the roster ({@link FileLoad}), or nowhere but a count (an offline validation).
 * Either way duplicates of a sourcedId are found by the sink, which sees every row.
 */
public interface RowSink extends AutoCloseable {

    /**
     * @param status   {@code active} or {@code tobedeleted}; null means active
     * @param modified a delta row's dateLastModified, or null
     * @param values   one value per column of the file: String, Boolean, Integer, Double, LocalDate, Instant, List or null
     * @param metadata the row's {@code metadata.*} columns, without the prefix; may be empty
     */
    void add(long line, String sourcedId, String status, java.time.Instant modified, Object[] values, Map<String, String> metadata)
            throws IOException;

    /** Ends the file: what it changed (nothing, for a validation) and which rows repeated a sourcedId. */
    MergeResult finish() throws IOException, SQLException;

    @Override
    void close() throws SQLException, IOException;
}
