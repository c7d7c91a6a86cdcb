package org.rostersync.pipeline;

/** Told every so many rows how far reading a file has come, e.g. to keep a progress line on a terminal. */
@FunctionalInterface
public interface Progress {

    /** Rows between two reports. */
    int EVERY = 100_000;

    Progress NONE = (file, rows, total, done) -> { };

    /**
     * @param total the file's rows as {@link RowCount} knows them before reading it: counted, or estimated from its size
     * @param done  true once, when the file has been read to its end
     */
    void rows(String file, long rows, RowCount total, boolean done);
}
