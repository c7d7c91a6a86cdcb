package org.rostersync.pipeline;

import org.rostersync.roster.Fingerprint;

/**
 * A set of sourcedIds held as 64-bit fingerprints, each with an int (a line, a flag), in an open-addressing table: 12
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

    FingerprintTable() {
        this(700);
    }

    /** Sized for about {@code expected} ids, so that a large file never pays for growing (old and new arrays at once). */
    FingerprintTable(long expected) {
        int capacity = Integer.highestOneBit((int) Math.min(1L << 29, Math.max(1024, expected * 4 / 3 + 1)) - 1) << 1;
        keys = new long[capacity];
        values = new int[capacity];
    }

    /** The value stored for the id, or {@link #ABSENT}. */
    int get(String id) {
        long key = Fingerprint.of(id);
        int slot = slot(keys, key);
        return keys[slot] == key ? values[slot] : ABSENT;
    }

    boolean contains(String id) {
        return get(id) != ABSENT;
    }

    /** The value stored for the fingerprint, or {@link #ABSENT}. */
    int getFingerprint(long key) {
        int slot = slot(keys, key);
        return keys[slot] == key ? values[slot] : ABSENT;
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
        if (++size * 4 > keys.length * 3) {
            grow();
        }
        return ABSENT;
    }

    /** Stores the value for the id, replacing any value it had. */
    void put(String id, int value) {
        long key = Fingerprint.of(id);
        int slot = slot(keys, key);
        if (keys[slot] != key) {
            keys[slot] = key;
            if (++size * 4 > keys.length * 3) {
                values[slot] = value;
                grow();
                return;
            }
        }
        values[slot] = value;
    }

    private static int slot(long[] table, long key) {
        int mask = table.length - 1;
        int slot = (int) Fingerprint.mix(key) & mask;
        while (table[slot] != EMPTY && table[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = slot(keys, oldKeys[i]);
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }
}
