package org.rostersync.roster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.oneroster.RosterFile;
import org.rostersync.support.RunningApp;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A load too large to compare in memory at once is split into parts on disk; split or not, it must write exactly the same
 * roster and count exactly the same changes, night after night.
 */
@ExtendWith(RunningApp.class)
class FileLoadPartsTest {

    private static final int COLUMNS = RosterFile.USERS.columns().size();
    private static final java.nio.file.Path SCRATCH = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));

    @Test
    void aLoadSplitIntoPartsWritesAndCountsExactlyAsOneInMemory(RunningApp.App app) throws Exception {
        DataSource db = app.context().getBean(DataSource.class);
        UUID tenant = UUID.randomUUID();
        UUID whole = UUID.randomUUID();
        UUID split = UUID.randomUUID();
        List<IntFunction<String>> nights = List.of(
                u -> u < 300 ? "Lee" : null,                                                        // 300 users
                u -> u < 300 && u % 10 == 3 ? "Changed" : u < 280 || (u >= 300 && u < 310) ? "Lee" : null, // changes, 20 gone, 10 new
                u -> u < 310 ? "Lee" : null);                                                       // the 20 come back: restored
        for (IntFunction<String> night : nights) {
            MergeResult a = load(db, tenant, whole, night, Long.MAX_VALUE, new ArrayList<>());
            List<Long> readAgain = new ArrayList<>();
            MergeResult b = load(db, tenant, split, night, 40, readAgain);
            assertEquals(a, b, "the same counts, duplicates included");
            assertEquals(roster(db, whole), roster(db, split), "the same records");
            long written = b.inserted() + b.updated() + b.deleted() - (night == nights.get(1) ? 20 : 0) + b.duplicates().size();
            assertTrue(readAgain.size() <= written, "only rows to write are read again: " + readAgain.size() + " for " + b);
        }
        List<Long> readAgain = new ArrayList<>();
        MergeResult last = load(db, tenant, split, nights.get(2), 40, readAgain);
        assertEquals(310, last.unchanged(), "a rerun changes nothing: " + last);
        assertTrue(readAgain.isEmpty() || readAgain.equals(List.of(312L)),
                "a rerun reads again at most the repeated sourcedId's row (not even that when u5 is in the part kept in memory): " + readAgain);
    }

    @Test
    void aRowThatReadsDifferentlyTheSecondTimeFailsTheLoad(RunningApp.App app) throws Exception {
        DataSource db = app.context().getBean(DataSource.class);
        UUID tenant = UUID.randomUUID();
        UUID source = UUID.randomUUID();
        load(db, tenant, source, u -> u < 300 ? "Lee" : null, 40, new ArrayList<>());
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (FileLoad load = new FileLoad(c, RosterFile.USERS, true, true, Set.of(), tenant, source, UUID.randomUUID(),
                    Instant.now(), 320, Checkpoint.NONE, 40, SCRATCH)) {
                for (int u = 0; u < 300; u++) {
                    load.add(u + 2, u, "u" + u, null, null, user(u, u == 7 ? "Changed" : "Lee"), Map.of("studentNumber", "n" + u));
                }
                java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                        () -> load.finish((offsets, lines, count, into) -> {
                            for (int i = 0; i < count; i++) {
                                int u = (int) offsets[i];
                                into.add(lines[i], offsets[i], "u" + u, null, null, user(u, "Other"), Map.of("studentNumber", "n" + u));
                            }
                        }));
                assertTrue(e.getMessage().contains("users.csv line 9 read again is not the row first read there"), e.getMessage());
            }
            c.rollback();
        }
    }

    /**
     * One bulk users.csv: the users the night names, and a repeat of u5 at the end (a duplicate sourcedId). A row's offset
     * is its place in the list; the rows read again are those the load asks for, by line.
     */
    private static MergeResult load(DataSource db, UUID tenant, UUID source, IntFunction<String> night, long partRecords,
                                    List<Long> readAgain) throws Exception {
        record Row(long line, String sourcedId, Object[] values, Map<String, String> metadata) {
        }
        List<Row> rows = new ArrayList<>();
        long line = 2;
        for (int u = 0; u < 400; u++) {
            String family = night.apply(u);
            if (family != null) {
                rows.add(new Row(line++, "u" + u, user(u, family), Map.of("studentNumber", "n" + u)));
            }
        }
        rows.add(new Row(line, "u5", user(5, "Again"), Map.of()));
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            MergeResult result;
            try (FileLoad load = new FileLoad(c, RosterFile.USERS, true, true, Set.of(), tenant, source, UUID.randomUUID(),
                    Instant.now(), 320, Checkpoint.NONE, partRecords, SCRATCH)) {
                for (int i = 0; i < rows.size(); i++) {
                    Row row = rows.get(i);
                    load.add(row.line(), i, row.sourcedId(), null, null, row.values(), row.metadata());
                }
                result = load.finish((offsets, lines, count, into) -> {
                    for (int i = 0; i < count; i++) {
                        Row row = rows.get((int) offsets[i]);
                        readAgain.add(row.line());
                        into.add(row.line(), offsets[i], row.sourcedId(), null, null, row.values(), row.metadata());
                    }
                });
            }
            c.commit();
            assertTrue(result.duplicates().size() == 1 && result.duplicates().get(0).firstLine() == 7, result.toString());
            return result;
        }
    }

    private static Object[] user(int u, String family) {
        Object[] values = new Object[COLUMNS];
        values[column("enabledUser")] = Boolean.TRUE;
        values[column("orgSourcedIds")] = List.of("s1");
        values[column("role")] = "student";
        values[column("username")] = "u" + u;
        values[column("givenName")] = "Ann";
        values[column("familyName")] = family;
        return values;
    }

    private static int column(String name) {
        return RosterFile.USERS.columns().indexOf(RosterFile.USERS.column(name).orElseThrow());
    }

    private static List<String> roster(DataSource db, UUID source) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT (to_jsonb(t) - 'source_id' - 'date_last_modified' - 'inserted_by')::text"
                     + " FROM roster_user t WHERE source_id = ? ORDER BY sourced_id")) {
            ps.setObject(1, source);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
