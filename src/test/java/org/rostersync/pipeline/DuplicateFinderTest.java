package org.rostersync.pipeline;

import org.junit.jupiter.api.Test;
import org.rostersync.roster.MergeResult;
import org.rostersync.roster.RowSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DuplicateFinderTest {

    @Test
    void repeatsAreReportedWithTheFirstLineAcrossTableGrowth() throws Exception {
        DuplicateFinder finder = new DuplicateFinder(10);
        for (int i = 0; i < 100_000; i++) {
            finder.add(i + 2, 0, "enr-" + i, null, null, new Object[0], Map.of());
        }
        finder.add(100_002, 0, "enr-5", null, null, new Object[0], Map.of());
        finder.add(100_003, 0, "enr-99999", null, null, new Object[0], Map.of());
        finder.add(100_004, 0, "enr-5", null, null, new Object[0], Map.of());
        assertEquals(List.of(new MergeResult.Duplicate(100_002, "enr-5", 7), new MergeResult.Duplicate(100_003, "enr-99999", 100_001),
                new MergeResult.Duplicate(100_004, "enr-5", 7)), finder.finish(RowSource.NONE).duplicates());
    }

    @Test
    void aFileSplitIntoPartsOnDiskFindsTheSameRepeatsInLineOrder() throws Exception {
        List<MergeResult.Duplicate> expected = null;
        for (long partRows : List.of(DuplicateFinder.PART_ROWS, 7_000L)) {
            try (DuplicateFinder finder = new DuplicateFinder(50_000, partRows)) {
                for (int i = 0; i < 50_000; i++) {
                    finder.add(i + 2, 0, "enr-" + (i % 49_990), null, null, new Object[0], Map.of()); // the last ten repeat
                }
                List<MergeResult.Duplicate> found = finder.finish(RowSource.NONE).duplicates();
                assertEquals(10, found.size());
                assertEquals(new MergeResult.Duplicate(49_992, "enr-0", 2), found.get(0), "in line order, naming the first line");
                if (expected == null) {
                    expected = found;
                } else {
                    assertEquals(expected, found, "split into " + (50_000 / partRows + 1) + " parts, the same repeats");
                }
            }
        }
    }

    @Test
    void sourcedIdsDifferingOnlyInCaseAreDifferent() throws Exception {
        DuplicateFinder finder = new DuplicateFinder(10);
        finder.add(2, 0, "Abc", null, null, new Object[0], Map.of());
        finder.add(3, 0, "abc", null, null, new Object[0], Map.of());
        finder.add(4, 0, "", null, null, new Object[0], Map.of());
        assertEquals(List.of(), finder.finish(RowSource.NONE).duplicates());
    }
}
