package org.rostersync.schedule;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.rostersync.report.RunStore;
import org.rostersync.report.RunTrigger;
import org.rostersync.tenant.Schedule;
import org.rostersync.tenant.ScheduleSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL for the sources' next timed runs and for queueing timed and arrival runs. Every decision to queue a run is taken
 * in the transaction that queues it, on rows locked with SKIP LOCKED: however many instances look at once, an instant
 * or a delivery gets one run.
 */
@Singleton
class ScheduleStore {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleStore.class);

    private final DataSource dataSource;
    private final JsonMapper json;

    ScheduleStore(DataSource dataSource, JsonMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** The database's clock: every instance then agrees on what is due. */
    Instant now() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT now()");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }

    /** Computes the next timed run of sources that have none planned yet (new sources). */
    int planUnplanned(Instant now) throws SQLException {
        return inTransaction(c -> {
            int planned = 0;
            try (PreparedStatement select = c.prepareStatement("SELECT id, schedule::text FROM source WHERE NOT next_run_planned"
                    + " LIMIT 500 FOR UPDATE SKIP LOCKED");
                 ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    UUID source = rs.getObject(1, UUID.class);
                    setNext(c, source, schedule(source, rs.getString(2)).flatMap(s -> ScheduledInstants.next(s, now)).orElse(null));
                    planned++;
                }
            }
            return planned;
        });
    }

    /**
     * Queues a timed run for every source whose next run is due, and moves its next run to the schedule's first instant
     * after both the due one and now: instants missed while no instance ran are caught up with one run, and a due
     * instant of a source whose previous timed run is still queued (behind a long run) joins that one.
     */
    List<UUID> queueDue(Instant now) throws SQLException {
        return inTransaction(c -> {
            List<UUID> queued = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT id, tenant_id, schedule::text, next_run_at FROM source"
                    + " WHERE next_run_at <= ? ORDER BY next_run_at LIMIT 100 FOR UPDATE SKIP LOCKED")) {
                select.setTimestamp(1, Timestamp.from(now));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        UUID source = rs.getObject(1, UUID.class);
                        Instant due = rs.getTimestamp(4).toInstant();
                        Optional<Schedule> schedule = schedule(source, rs.getString(3));
                        if (timedRunQueued(c, source)) {
                            // it has not started, so it will read the newest delivery anyway: a second one would add nothing
                            LOG.info("The timed run of source {} for {} joins the one still queued", source, due);
                        } else {
                            queued.add(RunStore.insert(c, rs.getObject(2, UUID.class), source, RunTrigger.schedule, due, null));
                        }
                        Instant after = due.isAfter(now) ? due : now;
                        setNext(c, source, schedule.flatMap(s -> ScheduledInstants.next(s, after)).orElse(null));
                    }
                }
            }
            return queued;
        });
    }

    private static boolean timedRunQueued(Connection c, UUID sourceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM run WHERE source_id = ? AND status = 'queued'"
                + " AND trigger = 'schedule' LIMIT 1")) {
            ps.setObject(1, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** A source that starts runs on arrival and has no run queued or running, with when its last file arrived. */
    record ArrivalCandidate(UUID sourceId, UUID tenantId, Schedule schedule, Instant lastReceived) {
    }

    List<ArrivalCandidate> arrivalCandidates() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT s.id, s.tenant_id, s.schedule::text, max(d.received_at)
                     FROM source s JOIN delivery_file d ON d.source_id = s.id
                     WHERE (s.schedule ->> 'runOnArrival')::boolean
                       AND NOT EXISTS (SELECT 1 FROM run r WHERE r.source_id = s.id AND r.status IN ('queued', 'running'))
                     GROUP BY s.id, s.tenant_id, s.schedule::text""");
             ResultSet rs = ps.executeQuery()) {
            List<ArrivalCandidate> out = new ArrayList<>();
            while (rs.next()) {
                UUID source = rs.getObject(1, UUID.class);
                Optional<Schedule> schedule = schedule(source, rs.getString(3));
                if (schedule.isPresent()) {
                    out.add(new ArrivalCandidate(source, rs.getObject(2, UUID.class), schedule.get(), rs.getTimestamp(4).toInstant()));
                }
            }
            return out;
        }
    }

    /** The delivery the source's latest run read or was started for. */
    Optional<String> latestRunDelivery(UUID sourceId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return latestRunDelivery(c, sourceId);
        }
    }

    /**
     * Queues an arrival run for the delivery unless, under the source's lock, a run is queued or running already or
     * the latest run was for this very delivery.
     */
    Optional<UUID> queueArrival(UUID sourceId, UUID tenantId, String fingerprint) throws SQLException {
        return inTransaction(c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT 1 FROM source WHERE id = ? FOR UPDATE SKIP LOCKED")) {
                lock.setObject(1, sourceId);
                try (ResultSet rs = lock.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty(); // another instance is deciding for this source
                    }
                }
            }
            try (PreparedStatement busy = c.prepareStatement("SELECT 1 FROM run WHERE source_id = ? AND status IN ('queued', 'running')")) {
                busy.setObject(1, sourceId);
                try (ResultSet rs = busy.executeQuery()) {
                    if (rs.next()) {
                        return Optional.empty();
                    }
                }
            }
            if (latestRunDelivery(c, sourceId).filter(fingerprint::equals).isPresent()) {
                return Optional.empty();
            }
            return Optional.of(RunStore.insert(c, tenantId, sourceId, RunTrigger.arrival, null, fingerprint));
        });
    }

    private static Optional<String> latestRunDelivery(Connection c, UUID sourceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT delivery_fingerprint FROM run WHERE source_id = ?"
                + " AND delivery_fingerprint IS NOT NULL ORDER BY created_at DESC, id LIMIT 1")) {
            ps.setObject(1, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static void setNext(Connection c, UUID source, Instant next) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE source SET next_run_at = ?, next_run_planned = true WHERE id = ?")) {
            ps.setTimestamp(1, next == null ? null : Timestamp.from(next));
            ps.setObject(2, source);
            ps.executeUpdate();
        }
    }

    /** The stored schedule (null: the default); empty, with the reason logged, when it can no longer be read. */
    private Optional<Schedule> schedule(UUID source, String text) {
        try {
            return Optional.of(text == null ? Schedule.DEFAULT : json.readValue(text, ScheduleSettings.class).toSchedule());
        } catch (IOException | RuntimeException e) {
            LOG.error("The schedule of source {} cannot be read ({}); it starts no timed runs until it is saved again", source,
                    e.getMessage());
            return Optional.empty();
        }
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
