package org.rostersync.roster;

import java.io.IOException;
import java.sql.SQLException;

/**
 * Where the checked rows of one file go: the roster ({@link FileLoad}), or nowhere but a count (an offline validation).
 * Either way duplicates of a sourcedId are found by the sink, which sees every row.
 */
public interface RowSink extends RowTarget, AutoCloseable {

    /**
     * Ends the file: what it changed (nothing, for a validation) and which rows repeated a sourcedId.
     *
     * @param again the file's rows, read again: a large load reads the rows it must write from there
     */
    MergeResult finish(RowSource again) throws IOException, SQLException;

    /**
     * A row of the file that could not be read names this record: leave it exactly as it is, neither changed nor, in a
     * bulk file, withdrawn for not being listed. Nothing is written for it.
     */
    default void keep(long line, String sourcedId) {
        // a sink without a roster has nothing to leave
    }

    @Override
    void close() throws SQLException, IOException;
}
