package org.rostersync.roster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;
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
            MergeResult a = load(db, tenant, whole, night, FileLoad.PART_RECORDS);
            MergeResult b = load(db, tenant, split, night, 40);
            assertEquals(a, b, "the same counts, duplicates included");
            assertEquals(roster(db, whole), roster(db, split), "the same records");
        }
        MergeResult last = load(db, tenant, split, nights.get(2), 40);
        assertEquals(310, last.unchanged(), "a rerun changes nothing: " + last);
    }

    /** One bulk users.csv: the users the night names, and a repeat of u5 at the end (a duplicate sourcedId). */
    private static MergeResult load(DataSource db, UUID tenant, UUID source, IntFunction<String> night, long partRecords) throws Exception {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            MergeResult result;
            try (FileLoad load = new FileLoad(c, c.unwrap(PGConnection.class), RosterFile.USERS, true, true, Set.of(), tenant, source,
                    Instant.now(), 320, Checkpoint.NONE, partRecords)) {
                long line = 2;
                for (int u = 0; u < 400; u++) {
                    String family = night.apply(u);
                    if (family != null) {
                        load.add(line++, "u" + u, null, null, user(u, family), Map.of("studentNumber", "n" + u));
                    }
                }
                load.add(line, "u5", null, null, user(5, "Again"), Map.of());
                result = load.finish();
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
             PreparedStatement ps = c.prepareStatement("SELECT (to_jsonb(t) - 'source_id' - 'date_last_modified')::text"
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
