package org.rostersync.roster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The records that unreadable rows name (by their sourcedId's fingerprint), with those rows' lines: each is left as it
 * was, neither changed nor withdrawn, and those with no active record to leave are noted for the report.
 */
final class KeptRecords {

    private long[] keys = new long[16];
    private long[] lines = new long[16];
    private int size;
    private final List<Long> withoutRecord = new ArrayList<>();

    void add(long line, long key) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            lines = Arrays.copyOf(lines, size * 2);
        }
        keys[size] = key;
        lines[size++] = line;
    }

    /**
     * Marks the records of the index that unreadable rows name as listed, once every row has been compared, so that they
     * are neither withdrawn nor taken for a repeat of a later row; notes those without an active record.
     *
     * @param part  the part the index holds, or -1 for all of them
     * @param parts how many parts the load has
     */
    void leave(RosterIndex index, int part, int parts) {
        for (int i = 0; i < size; i++) {
            long key = keys[i];
            if (part >= 0 && Fingerprint.part(key, parts) != part) {
                continue;
            }
            int slot = index.find(key);
            if (slot == RosterIndex.NOT_FOUND) {
                withoutRecord.add(key);
            } else if (index.line(slot) == 0) { // a record of the roster (a row's would have its line) no readable row listed
                if (index.tobedeleted(slot)) {
                    withoutRecord.add(key);
                }
                index.listed(slot, (int) Math.min(lines[i], Integer.MAX_VALUE));
            }
        }
    }

    /** The fingerprints of the records that had no active record to leave. */
    List<Long> withoutRecord() {
        return List.copyOf(withoutRecord);
    }
}
