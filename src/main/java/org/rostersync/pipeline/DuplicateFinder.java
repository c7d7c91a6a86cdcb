package org.rostersync.pipeline;

import org.rostersync.roster.MergeResult;
import org.rostersync.roster.RowSink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sink of an offline validation: remembers each sourcedId's first line, to report repeats exactly as an import would
 * (the first row wins). To keep memory flat-ish at millions of rows it stores a 64-bit fingerprint of each sourcedId
 * (12 bytes a row in an open-addressing table) rather than the strings; two different sourcedIds share a fingerprint
 * with a probability of about n²/2⁶⁵ (5·10⁻⁷ for four million rows), and an import checks exactly in the database.
 */
final class DuplicateFinder implements RowSink {

    private static final long EMPTY = 0;

    private long[] keys = new long[1 << 12];
    private int[] lines = new int[1 << 12];
    private int size;
    private final List<MergeResult.Duplicate> duplicates = new ArrayList<>();

    @Override
    public void add(long line, String sourcedId, String status, Object[] values, Map<String, String> metadata) {
        long key = fingerprint(sourcedId);
        int slot = find(keys, key);
        if (keys[slot] == key) {
            duplicates.add(new MergeResult.Duplicate(line, sourcedId, lines[slot]));
            return;
        }
        keys[slot] = key;
        lines[slot] = (int) Math.min(line, Integer.MAX_VALUE);
        if (++size * 2 > keys.length) {
            grow();
        }
    }

    @Override
    public MergeResult finish() {
        return new MergeResult(0, 0, 0, 0, List.copyOf(duplicates));
    }

    @Override
    public void close() {
        keys = new long[0];
        lines = new int[0];
    }

    /** String.hashCode and FNV-1a over the same characters, side by side; never 0 (the empty slot). */
    static long fingerprint(String s) {
        int fnv = 0x811c9dc5;
        for (int i = 0; i < s.length(); i++) {
            fnv = (fnv ^ s.charAt(i)) * 0x01000193;
        }
        long key = ((long) s.hashCode() << 32) | (fnv & 0xffffffffL);
        return key == EMPTY ? 1 : key;
    }

    private static int find(long[] table, long key) {
        int mask = table.length - 1;
        int slot = (int) (key ^ (key >>> 29) ^ (key >>> 47)) & mask;
        while (table[slot] != EMPTY && table[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldLines = lines;
        keys = new long[oldKeys.length * 2];
        lines = new int[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = find(keys, oldKeys[i]);
                keys[slot] = oldKeys[i];
                lines[slot] = oldLines[i];
            }
        }
    }
}
