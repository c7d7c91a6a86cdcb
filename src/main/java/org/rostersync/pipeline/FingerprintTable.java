package org.rostersync.pipeline;

import org.rostersync.roster.Fingerprint;

/**
 * A set of sourcedIds held as 64-bit fingerprints, each with an int (the line it was first seen on), in an
 * open-addressing table: 12
 * bytes a row instead of a hundred for a String in a HashMap, so that checks over millions of rows fit a small heap.
 * Two different sourcedIds share a fingerprint (64-bit FNV-1a) with a probability of about n²/2⁶⁵ (5·10⁻⁷ for four
 * million).
 */
final class FingerprintTable {

    static final int ABSENT = Integer.MIN_VALUE;
    private static final long EMPTY = 0;

    private long[] keys;
    private int[] values;
    private int size;

    /**
     * Sized for about {@code expected} ids, so that a large file never pays for growing (old and new arrays at once). Any
     * capacity will do (not only powers of two): 16 bytes an id, where rounding up could cost twice that.
     */
    FingerprintTable(long expected) {
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(1024, expected * 4 / 3 + 1));
        keys = new long[capacity];
        values = new int[capacity];
    }

    /** Stores the value unless the id is there already; returns the value that was there, or {@link #ABSENT}. */
    int putIfAbsent(String id, int value) {
        long key = Fingerprint.of(id);
        int slot = slot(keys, key);
        if (keys[slot] == key) {
            return values[slot];
        }
        keys[slot] = key;
        values[slot] = value;
        if (++size * 4L > keys.length * 3L) {
            grow();
        }
        return ABSENT;
    }

    /** Linear probing from the mixed key's home, Lemire's multiply-shift onto the capacity. */
    private static int slot(long[] table, long key) {
        int slot = (int) (((Fingerprint.mix(key) & 0xffffffffL) * table.length) >>> 32);
        while (table[slot] != EMPTY && table[slot] != key) {
            slot = slot + 1 == table.length ? 0 : slot + 1;
        }
        return slot;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        // by half, not double: old and new arrays live together while the entries move
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, oldKeys.length * 3L / 2);
        keys = new long[capacity];
        values = new int[capacity];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = slot(keys, oldKeys[i]);
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }
}
