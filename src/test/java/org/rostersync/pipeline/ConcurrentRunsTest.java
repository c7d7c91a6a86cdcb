package org.rostersync.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One run at a time per source, whichever instance runs it: the second never applies while the first holds the source. */
@ExtendWith(RunningApp.class)
class ConcurrentRunsTest {

    @Test
    void aRunOfASourceAnotherInstanceIsRunningAppliesNothingAndSaysWhy(RunningApp.App app) throws Exception {
        Fixture f = Fixture.create(app, "Concurrent");
        f.deliver(Fixture.SAMPLE);
        DataSource db = app.context().getBean(DataSource.class);
        try (Connection other = db.getConnection()) {
            // another instance's run: it holds the source's lock in its open transaction
            other.setAutoCommit(false);
            try (PreparedStatement ps = other.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtextextended(?, 0))")) {
                ps.setString(1, "run:" + f.sourceId());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertTrue(rs.getBoolean(1));
                }
            }
            Map<String, Object> second = f.run();
            assertEquals("failed", second.get("status"), second.toString());
            assertEquals("another run of source " + f.sourceId() + " is in progress", second.get("message"));
            assertEquals("0", f.oneRoster("/users").header("X-Total-Count"), "nothing of the second run was applied");
            other.rollback();
        }
        Map<String, Object> after = f.run();
        assertEquals("succeeded", after.get("status"), "once the first run ends, the source runs again: " + after);
        assertEquals("50", f.oneRoster("/users").header("X-Total-Count"));
    }
}
