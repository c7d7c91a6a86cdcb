package org.rostersync.roster;

import java.io.IOException;

/**
 * Reads rows of the file being loaded again, checked exactly as the first time. A load too large to compare with the
 * roster in memory keeps only each row's place and fingerprints on disk, and asks for the few rows it must write (new or
 * changed) once it knows which they are: far less to write and read back than every row.
 */
@FunctionalInterface
public interface RowSource {

    /** For a sink that never reads rows again. */
    RowSource NONE = (offsets, lines, count, into) -> {
        if (count > 0) {
            throw new IOException("the rows of this file cannot be read again");
        }
    };

    /** Hands the first {@code count} rows at the offsets (ascending, each with its line) to the target, in that order. */
    void reread(long[] offsets, long[] lines, int count, RowTarget into) throws IOException;
}
