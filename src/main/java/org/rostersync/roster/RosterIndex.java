package org.rostersync.roster;

import java.util.Arrays;

/**
 * One entity's records of one source as a run finds them, and what the run does with each: per sourcedId (held as a
 * 64-bit fingerprint) the hash of the record's content, whether it is tobedeleted, where it is ({@code ctid}), and the
 * line of the file that listed it in this run. About 40 bytes a record, in flat arrays, so that a file of millions of
 * rows is compared with the roster in memory instead of row by row in SQL.
 */
final class RosterIndex {

    static final int NOT_FOUND = -1;
    private static final long EMPTY = 0;
    private static final byte IN_ROSTER = 1;
    private static final byte TOBEDELETED = 2;

    private long[] keys;
    private long[] hashes;
    private long[] ctids;
    /** The line that listed the record in this run, 0 while none has. */
    private int[] lines;
    private byte[] flags;
    private int size;

    RosterIndex(long expected) {
        allocate((int) Math.min(Integer.MAX_VALUE - 8, Math.max(1024, expected * 10 / 7)));
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        hashes = new long[capacity];
        ctids = new long[capacity];
        lines = new int[capacity];
        flags = new byte[capacity];
    }

    /** Records a row of the roster as the run began. */
    void addFromRoster(long key, long hash, boolean tobedeleted, long ctid) {
        int slot = insert(key);
        hashes[slot] = hash;
        ctids[slot] = ctid;
        flags[slot] = (byte) (IN_ROSTER | (tobedeleted ? TOBEDELETED : 0));
    }

    /** The slot of the key, or {@link #NOT_FOUND}. */
    int find(long key) {
        int slot = home(key, keys.length);
        while (keys[slot] != EMPTY) {
            if (keys[slot] == key) {
                return slot;
            }
            slot = slot + 1 == keys.length ? 0 : slot + 1;
        }
        return NOT_FOUND;
    }

    /** Records a row of the file that is new to the roster; returns its slot. */
    int addNew(long key, int line) {
        int slot = insert(key);
        lines[slot] = line;
        return slot;
    }

    boolean inRoster(int slot) {
        return (flags[slot] & IN_ROSTER) != 0;
    }

    boolean tobedeleted(int slot) {
        return (flags[slot] & TOBEDELETED) != 0;
    }

    long hash(int slot) {
        return hashes[slot];
    }

    /** The line that listed the record in this run, or 0. */
    int line(int slot) {
        return lines[slot];
    }

    void listed(int slot, int line) {
        lines[slot] = line;
    }

    /** The records of the roster that were active and that no line of this run listed. */
    long[] activeNotListed() {
        long[] out = new long[64];
        int n = 0;
        for (int slot = 0; slot < keys.length; slot++) {
            if (keys[slot] != EMPTY && lines[slot] == 0 && flags[slot] == IN_ROSTER) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = ctids[slot];
            }
        }
        return Arrays.copyOf(out, n);
    }

    long activeInRoster() {
        long n = 0;
        for (int slot = 0; slot < keys.length; slot++) {
            if (keys[slot] != EMPTY && flags[slot] == IN_ROSTER) {
                n++;
            }
        }
        return n;
    }

    private int insert(long key) {
        if ((size + 1) * 10L > keys.length * 8L) {
            grow();
        }
        int slot = home(key, keys.length);
        while (keys[slot] != EMPTY) {
            slot = slot + 1 == keys.length ? 0 : slot + 1;
        }
        keys[slot] = key;
        size++;
        return slot;
    }

    /** The mixed key, then Lemire's multiply-shift onto any capacity (not only powers of two: less memory). */
    private static int home(long key, int capacity) {
        return (int) (((Fingerprint.mix(key) & 0xffffffffL) * capacity) >>> 32);
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldHashes = hashes;
        long[] oldCtids = ctids;
        int[] oldLines = lines;
        byte[] oldFlags = flags;
        // by half, not double: old and new arrays live together while the entries move
        allocate((int) Math.min(Integer.MAX_VALUE - 8, oldKeys.length * 3L / 2));
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = home(oldKeys[i], keys.length);
                while (keys[slot] != EMPTY) {
                    slot = slot + 1 == keys.length ? 0 : slot + 1;
                }
                keys[slot] = oldKeys[i];
                hashes[slot] = oldHashes[i];
                ctids[slot] = oldCtids[i];
                lines[slot] = oldLines[i];
                flags[slot] = oldFlags[i];
            }
        }
    }
}
