package org.rostersync.pipeline;

import org.rostersync.roster.Fingerprint;

/**
 * The sourcedIds of a file that other files reference, each with its kind (kept, kept school, skipped), packed in one
 * long a slot: the fingerprint's upper 62 bits and the kind in the lowest two. 8 bytes a slot, 10 an id, in one flat
 * array: the users of a district of a million students take 20 MB. Two ids share a slot key with a probability of
 * about n²/2⁶³ (2·10⁻⁶ for four million).
 */
final class KindTable {

    static final int ABSENT = Integer.MIN_VALUE;
    private static final long EMPTY = 0;
    private static final long KEY = ~3L;

    private long[] slots;
    private int size;

    KindTable() {
        this(700);
    }

    /** Sized for about {@code expected} ids, so that a large file never pays for growing (old and new arrays at once). */
    KindTable(long expected) {
        slots = new long[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(1024, expected * 5 / 4 + 1))];
    }

    /** The kind stored for the id, or {@link #ABSENT}. */
    int get(String id) {
        return getFingerprint(Fingerprint.of(id));
    }

    /** The kind stored for the fingerprint, or {@link #ABSENT}. */
    int getFingerprint(long fingerprint) {
        long slot = slots[slot(slots, fingerprint & KEY)];
        return slot == EMPTY ? ABSENT : kind(slot);
    }

    /** Stores the kind unless the id is there already; returns the kind that was there, or {@link #ABSENT}. */
    int putIfAbsent(String id, int kind) {
        long key = Fingerprint.of(id) & KEY;
        int at = slot(slots, key);
        if (slots[at] != EMPTY) {
            return kind(slots[at]);
        }
        slots[at] = key | (kind + 1);
        if (++size * 5L > slots.length * 4L) {
            grow();
        }
        return ABSENT;
    }

    /** Stores the kind for an id that is there already. */
    void replace(String id, int kind) {
        replaceFingerprint(Fingerprint.of(id), kind);
    }

    /** Stores the kind for a fingerprint that is there already. */
    void replaceFingerprint(long fingerprint, int kind) {
        long key = fingerprint & KEY;
        int at = slot(slots, key);
        if (slots[at] != EMPTY) {
            slots[at] = key | (kind + 1);
        }
    }

    /** kinds 0 to 2 are stored as 1 to 3, so that no slot in use is 0 */
    private static int kind(long slot) {
        return (int) (slot & 3) - 1;
    }

    /** The slot holding the key, or the empty one where it would go: linear probing from Lemire's multiply-shift home. */
    private static int slot(long[] table, long key) {
        int at = (int) (((Fingerprint.mix(key) & 0xffffffffL) * table.length) >>> 32);
        long slot;
        while ((slot = table[at]) != EMPTY && (slot & KEY) != key) {
            at = at + 1 == table.length ? 0 : at + 1;
        }
        return at;
    }

    private void grow() {
        long[] old = slots;
        // by half, not double: old and new arrays live together while the entries move
        slots = new long[(int) Math.min(Integer.MAX_VALUE - 8, old.length * 3L / 2)];
        for (long slot : old) {
            if (slot != EMPTY) {
                slots[slot(slots, slot & KEY)] = slot;
            }
        }
    }
}
