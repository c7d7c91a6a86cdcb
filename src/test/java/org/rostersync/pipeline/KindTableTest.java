package org.rostersync.pipeline;

import org.junit.jupiter.api.Test;
import org.rostersync.roster.Fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each id keeps the kind it was first given (or the one it is given instead), through the table's growth. */
class KindTableTest {

    @Test
    void everyIdKeepsItsKindThroughGrowthAndUnknownIdsAreAbsent() {
        KindTable table = new KindTable(10); // far too small: it grows many times
        for (int i = 0; i < 50_000; i++) {
            assertEquals(KindTable.ABSENT, table.putIfAbsent("u" + i, i % 3));
        }
        assertEquals(1, table.putIfAbsent("u1", 2), "the first kind stays");
        table.replace("u2", 0);
        table.replace("never", 1);
        for (int i = 0; i < 50_000; i++) {
            int expected = i == 2 ? 0 : i % 3;
            assertEquals(expected, table.get("u" + i), "u" + i);
            assertEquals(expected, table.getFingerprint(Fingerprint.of("u" + i)));
        }
        assertEquals(KindTable.ABSENT, table.get("never"), "replace adds nothing");
        assertEquals(KindTable.ABSENT, table.get("u50000"));
    }
}
