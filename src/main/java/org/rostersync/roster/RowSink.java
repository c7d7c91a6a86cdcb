package org.rostersync.roster;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

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

    /**
     * After {@link #finish}: references of the file's records to records of the same file that never came are taken out
     * of the records that hold them (a single one becomes null, a list loses them), so that no served link leads nowhere.
     *
     * @param targets per record (same index as {@code sourcedIds}), the ids to take out
     */
    default void dropReferences(org.rostersync.oneroster.Column column, List<String> sourcedIds, List<List<String>> targets)
            throws SQLException {
        // a sink without a roster has nothing to change
    }

    @Override
    void close() throws SQLException, IOException;
}
