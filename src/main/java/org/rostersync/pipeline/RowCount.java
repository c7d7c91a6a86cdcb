package org.rostersync.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How many rows a CSV file has, known before reading it, for progress lines: a file of up to {@link #COUNTED} bytes has
 * its line breaks counted (exact, unless a quoted field holds a line break); a larger one is estimated from its size
 * and the lines of its first {@link #COUNTED} bytes, since counting a file of gigabytes would read it twice.
 *
 * @param rows  the rows, the header not included
 * @param exact whether they were counted rather than estimated
 */
public record RowCount(long rows, boolean exact) {

    static final int COUNTED = 1 << 20;

    /** Counts or estimates the file's rows. */
    static RowCount of(Path csv) throws IOException {
        long size = Files.size(csv);
        byte[] head = new byte[(int) Math.min(size, COUNTED)];
        int read;
        try (InputStream in = Files.newInputStream(csv)) {
            read = in.readNBytes(head, 0, head.length);
        }
        if (read == 0) {
            return new RowCount(0, true);
        }
        long breaks = 0;
        for (int i = 0; i < read; i++) {
            if (head[i] == '\n') {
                breaks++;
            }
        }
        if (read == size) {
            long lines = breaks + (head[read - 1] == '\n' ? 0 : 1);
            return new RowCount(Math.max(0, lines - 1), true);
        }
        return new RowCount(Math.max(0, Math.round((double) breaks * size / read) - 1), false);
    }

    /** How far {@code read} rows are into the file, in percent: below 100 until the file has been read to its end. */
    public int percent(long read, boolean done) {
        if (done) {
            return 100;
        }
        if (rows <= 0) {
            return 0;
        }
        return (int) Math.min(99, read * 100 / rows);
    }

    /** "1,000 rows" when counted, "about 1,000 rows" when estimated. */
    public String describe() {
        return (exact ? "" : "about ") + String.format("%,d", rows) + " rows";
    }
}
