package org.rostersync.roster;

import java.util.Arrays;

/**
 * Rows of one part to be read again from the file and written, with what to do with each: at most a part's rows, 40
 * bytes each (see {@link FileLoad#finish}).
 */
final class RowsToWrite {

    long[] offsets = new long[1024];
    long[] lines = new long[1024];
    long[] keys = new long[1024];
    long[] hashes = new long[1024];
    RowAction[] actions = new RowAction[1024];
    int[] firstLines = new int[1024];
    int size;

    void add(long line, long offset, long key, long hash, RowAction action, int firstLine) {
        if (size == offsets.length) {
            int length = size * 2;
            offsets = Arrays.copyOf(offsets, length);
            lines = Arrays.copyOf(lines, length);
            keys = Arrays.copyOf(keys, length);
            hashes = Arrays.copyOf(hashes, length);
            actions = Arrays.copyOf(actions, length);
            firstLines = Arrays.copyOf(firstLines, length);
        }
        offsets[size] = offset;
        lines[size] = line;
        keys[size] = key;
        hashes[size] = hash;
        actions[size] = action;
        firstLines[size++] = firstLine;
    }

    void clear() {
        size = 0;
    }
}
