package org.rostersync.roster;

/**
 * A Bloom filter of sourcedId fingerprints, about 10 bits a key (1 to 2% false positives): it says for certain that a
 * key was never seen, so that a large load streams certainly-new rows straight into COPY instead of spilling them to
 * disk. Blocked: a key's bits all fall in one 512-bit block, one cache line, so that a look-up costs one memory access
 * instead of one per bit.
 */
final class KeyFilter {

    private static final int PROBES = 7;
    /** Longs per block: 512 bits. */
    private static final int BLOCK = 8;

    private final long[] bits;
    private final int blocks;

    KeyFilter(long expectedKeys) {
        long wanted = Math.max(512, expectedKeys * 10);
        this.blocks = (int) Math.min((Integer.MAX_VALUE - 8) / BLOCK, (wanted + 511) / 512);
        this.bits = new long[blocks * BLOCK];
    }

    /** Adds the key; returns whether it may have been there already (false: certainly not). */
    boolean add(long key) {
        long h = Fingerprint.mix(key);
        int base = block(h);
        boolean present = true;
        for (int i = 0; i < PROBES; i++) {
            int bit = bit(h, i);
            int at = base + (bit >>> 6);
            long mask = 1L << bit;
            present &= (bits[at] & mask) != 0;
            bits[at] |= mask;
        }
        return present;
    }

    /** The block: the mixed key's high 32 bits, multiplied onto the number of blocks. */
    private int block(long h) {
        return (int) (((h >>> 32) * blocks) >>> 32) * BLOCK;
    }

    /** The i-th of the key's bits in its block: nine bits of the low half each, by double hashing. */
    private static int bit(long h, int i) {
        int h1 = (int) h;
        int h2 = (int) (h >>> 16) | 1;
        return (h1 + i * h2) & 511;
    }
}
