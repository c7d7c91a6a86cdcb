package org.rostersync.roster;

/**
 * A Bloom filter of sourcedId fingerprints, about 10 bits a key (1% false positives): it says for certain that a key was
 * never seen, so that a large load streams certainly-new rows straight into COPY instead of spilling them to disk.
 */
final class KeyFilter {

    private static final int PROBES = 7;

    private final long[] bits;
    private final long size;

    KeyFilter(long expectedKeys) {
        long wanted = Math.max(64, expectedKeys * 10);
        this.bits = new long[(int) Math.min(Integer.MAX_VALUE - 8, (wanted + 63) / 64)];
        this.size = bits.length * 64L;
    }

    void add(long key) {
        long h = Fingerprint.mix(key);
        int h1 = (int) h;
        int h2 = (int) (h >>> 32);
        for (int i = 0; i < PROBES; i++) {
            long bit = Integer.toUnsignedLong(h1 + i * h2) % size;
            bits[(int) (bit >>> 6)] |= 1L << bit;
        }
    }

    /** False only for a key never added. */
    boolean mightContain(long key) {
        long h = Fingerprint.mix(key);
        int h1 = (int) h;
        int h2 = (int) (h >>> 32);
        for (int i = 0; i < PROBES; i++) {
            long bit = Integer.toUnsignedLong(h1 + i * h2) % size;
            if ((bits[(int) (bit >>> 6)] & 1L << bit) == 0) {
                return false;
            }
        }
        return true;
    }
}
