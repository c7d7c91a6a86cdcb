package org.rostersync.roster;

import java.util.Arrays;

/**
 * One entity's records of one source as a run finds them, and what the run does with each: per sourcedId (held as a
 * 64-bit fingerprint) the hash of the record's content, whether it is tobedeleted, where it is ({@code ctid}), and the
 * line of the file that listed it in this run. A slot is four longs side by side (key, hash, ctid and flags, line), so
 * that finding a key and reading what goes with it touch one cache line, not one per field: 32 bytes a slot, about 46
 * a record, in one flat array, so that a file of millions of rows is compared with the roster in memory instead of row
 * by row in SQL.
 */
final class RosterIndex {

    static final int NOT_FOUND = -1;
    private static final long EMPTY = 0;
    private static final int STRIDE = 4;
    private static final int HASH = 1;
    /** The ctid (48 bits: block << 16 | offset) and, above it, the flags. */
    private static final int PLACE = 2;
    private static final int LINE = 3;
    private static final long CTID = (1L << 48) - 1;
    private static final long IN_ROSTER = 1L << 48;
    private static final long TOBEDELETED = 1L << 49;

    private long[] slots;
    private int capacity;
    private int size;

    RosterIndex(long expected) {
        allocate((int) Math.min(Integer.MAX_VALUE / STRIDE - 8, Math.max(1024, expected * 10 / 7)));
    }

    private void allocate(int capacity) {
        this.capacity = capacity;
        slots = new long[capacity * STRIDE];
    }

    /** Records a row of the roster as the run began. */
    void addFromRoster(long key, long hash, boolean tobedeleted, long ctid) {
        int at = insert(key) * STRIDE;
        slots[at + HASH] = hash;
        slots[at + PLACE] = (ctid & CTID) | IN_ROSTER | (tobedeleted ? TOBEDELETED : 0);
    }

    /** The slot of the key, or {@link #NOT_FOUND}. */
    int find(long key) {
        int slot = home(key, capacity);
        long k;
        while ((k = slots[slot * STRIDE]) != EMPTY) {
            if (k == key) {
                return slot;
            }
            slot = slot + 1 == capacity ? 0 : slot + 1;
        }
        return NOT_FOUND;
    }

    /** Records a row of the file that is new to the roster; returns its slot. */
    int addNew(long key, int line) {
        int slot = insert(key);
        slots[slot * STRIDE + LINE] = line;
        return slot;
    }

    boolean tobedeleted(int slot) {
        return (slots[slot * STRIDE + PLACE] & TOBEDELETED) != 0;
    }

    long hash(int slot) {
        return slots[slot * STRIDE + HASH];
    }

    /** The line that listed the record in this run, or 0. */
    int line(int slot) {
        return (int) slots[slot * STRIDE + LINE];
    }

    void listed(int slot, int line) {
        slots[slot * STRIDE + LINE] = line;
    }

    /** The records of the roster that were active and that no line of this run listed. */
    long[] activeNotListed() {
        long[] out = new long[64];
        int n = 0;
        for (int at = 0; at < slots.length; at += STRIDE) {
            if (slots[at] != EMPTY && slots[at + LINE] == 0 && (slots[at + PLACE] & ~CTID) == IN_ROSTER) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = slots[at + PLACE] & CTID;
            }
        }
        return Arrays.copyOf(out, n);
    }

    long activeInRoster() {
        long n = 0;
        for (int at = 0; at < slots.length; at += STRIDE) {
            if (slots[at] != EMPTY && (slots[at + PLACE] & ~CTID) == IN_ROSTER) {
                n++;
            }
        }
        return n;
    }

    private int insert(long key) {
        if ((size + 1) * 10L > capacity * 8L) {
            grow();
        }
        int slot = home(key, capacity);
        while (slots[slot * STRIDE] != EMPTY) {
            slot = slot + 1 == capacity ? 0 : slot + 1;
        }
        slots[slot * STRIDE] = key;
        size++;
        return slot;
    }

    /** The mixed key, then Lemire's multiply-shift onto any capacity (not only powers of two: less memory). */
    private static int home(long key, int capacity) {
        return (int) (((Fingerprint.mix(key) & 0xffffffffL) * capacity) >>> 32);
    }

    private void grow() {
        long[] old = slots;
        // by half, not double: old and new arrays live together while the entries move
        allocate((int) Math.min(Integer.MAX_VALUE / STRIDE - 8, capacity * 3L / 2));
        for (int at = 0; at < old.length; at += STRIDE) {
            if (old[at] != EMPTY) {
                int slot = home(old[at], capacity);
                while (slots[slot * STRIDE] != EMPTY) {
                    slot = slot + 1 == capacity ? 0 : slot + 1;
                }
                System.arraycopy(old, at, slots, slot * STRIDE, STRIDE);
            }
        }
    }
}
