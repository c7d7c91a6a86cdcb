package org.rostersync.roster;

/**
 * 64-bit fingerprints of sourcedIds and row contents, and the mixing that spreads them over hash tables and parts. One
 * definition, because fingerprints are stored in the roster (sourced_id_fp) and compared with the ones the pipeline
 * computes.
 */
public final class Fingerprint {

    private Fingerprint() {
    }

    /** 64-bit FNV-1a over the characters, in one pass; never 0 (the empty slot of every table that holds them). */
    public static long of(CharSequence s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return h == 0 ? 1 : h;
    }

    /** murmur3's fmix64: FNV's low bits are weak, and linear probing clusters without a good mix. */
    public static long mix(long key) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** Which of {@code count} parts a key falls in: other bits than a table's slot uses. */
    public static int part(long key, int count) {
        return (int) Long.remainderUnsigned(key * 0x9E3779B97F4A7C15L, count);
    }
}
