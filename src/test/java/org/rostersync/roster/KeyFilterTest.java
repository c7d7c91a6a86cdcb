package org.rostersync.roster;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The filter never calls a key it holds new, and calls few new keys held: what lets certainly-new rows skip the disk. */
class KeyFilterTest {

    @Test
    void aKeyAddedIsAlwaysHeldAndFewNewKeysLookHeld() {
        int keys = 200_000;
        KeyFilter filter = new KeyFilter(keys);
        SplittableRandom random = new SplittableRandom(42);
        long[] added = new long[keys];
        for (int i = 0; i < keys; i++) {
            added[i] = Fingerprint.of("s-" + random.nextLong());
            filter.add(added[i]);
        }
        for (long key : added) {
            assertTrue(filter.add(key), "a key added is held");
        }
        int falsePositives = 0;
        int probes = 20_000;
        for (int i = 0; i < probes; i++) {
            falsePositives += filter.add(Fingerprint.of("other-" + random.nextLong())) ? 1 : 0;
        }
        assertTrue(falsePositives < probes * 0.03, falsePositives + " of " + probes + " new keys looked held");
    }
}
