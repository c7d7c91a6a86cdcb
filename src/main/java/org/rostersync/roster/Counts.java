package org.rostersync.roster;

import jakarta.inject.Singleton;
import org.rostersync.database.Statements;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Totals of recent selections, each kept with the tenant's roster stamp (table roster_stamp, raised by every run that
 * commits), so a total is reused exactly while the roster it was counted on is still the tenant's: a roster changes
 * once a night and is read all day, and counting a selection cost more than reading its page. Exact across instances
 * and across the primary and a read replica, as every reader reads the stamp from the database it counts on; kept per
 * instance and bounded.
 *
 * <p>The stamp is read before the count, each in its own snapshot, on the server that counts ({@link ReadRouting}): a run
 * committing in between makes the count newer than its stamp, which only wastes the entry (later readers see the new
 * stamp); the other way round, a count older than its stamp, cannot happen, on the primary as on a replica, whose replay
 * only moves forward and commits a run's changes with the raise of its stamp.
 */
@Singleton
class Counts {

    private static final int MAX_ENTRIES = 10_000;

    /** Counts a selection in the database. */
    interface Counter {
        long count() throws SQLException, InvalidQueryException;
    }

    private record Key(Selection selection, long stamp) {
    }

    private final Map<Key, Long> totals = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Long> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** @param stamp the tenant's stamp, read on the server the counter counts on before it counts */
    long total(long stamp, Selection selection, Counter counter) throws SQLException, InvalidQueryException {
        Key key = new Key(selection, stamp);
        Long known;
        synchronized (totals) {
            known = totals.get(key);
        }
        if (known != null) {
            return known;
        }
        long counted = counter.count();
        synchronized (totals) {
            totals.put(key, counted);
        }
        return counted;
    }

    /** The tenant's stamp (0 before its first run commits): a primary-key lookup. */
    static long stamp(Statements db, UUID tenantId) {
        return db.optional("SELECT stamp FROM roster_stamp WHERE tenant_id = ?", row -> row.number(1), tenantId).orElse(0L);
    }

    /** Raises the tenant's stamp, in the transaction that commits a run's roster changes. */
    static void raise(Connection c, UUID tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO roster_stamp (tenant_id, stamp) VALUES (?, 1)"
                + " ON CONFLICT (tenant_id) DO UPDATE SET stamp = roster_stamp.stamp + 1")) {
            ps.setObject(1, tenantId);
            ps.executeUpdate();
        }
    }
}
