package org.rostersync.schedule;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.rostersync.report.RunQueue;
import org.rostersync.report.RunTrigger;
import org.rostersync.tenant.Schedule;
import org.rostersync.tenant.ScheduleSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.rostersync.database.Db;
import org.rostersync.database.Row;
import org.rostersync.database.Statements;
import org.rostersync.database.Tx;

import java.io.IOException;
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

    private final Db db;
    private final JsonMapper json;

    ScheduleStore(Db db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** The database's clock: every instance then agrees on what is due. */
    Instant now() {
        return db.one("SELECT now()", row -> row.instant(1));
    }

    /** Computes the next timed run of sources that have none planned yet (new sources). */
    int planUnplanned(Instant now) {
        return db.inTransaction(tx -> {
            List<Planned> unplanned = tx.query("SELECT id, schedule::text FROM source WHERE NOT next_run_planned"
                    + " LIMIT 500 FOR UPDATE SKIP LOCKED", row -> new Planned(row.uuid(1), row.text(2)));
            for (Planned source : unplanned) {
                Optional<Schedule> schedule = schedule(source.id(), source.schedule());
                setNext(tx, source.id(), schedule.flatMap(s -> ScheduledInstants.next(s, now)).orElse(null));
            }
            return unplanned.size();
        });
    }

    /** A source's stored schedule (JSON). */
    private record Planned(UUID id, String schedule) {
    }

    /** A source with its tenant, its stored schedule (JSON) and an instant: when its run is due, or its last file arrived. */
    private record Due(UUID source, UUID tenant, String schedule, Instant at) {
    }

    private static Due due(Row row) {
        return new Due(row.uuid(1), row.uuid(2), row.text(3), row.instant(4));
    }

    /**
     * Queues a timed run for every source whose next run is due, and moves its next run to the schedule's first instant
     * after both the due one and now: instants missed while no instance ran are caught up with one run, and a due
     * instant of a source whose previous timed run is still queued (behind a long run) joins that one.
     */
    List<UUID> queueDue(Instant now) {
        return db.inTransaction(tx -> {
            List<UUID> queued = new ArrayList<>();
            for (Due due : tx.query("SELECT id, tenant_id, schedule::text, next_run_at FROM source"
                    + " WHERE next_run_at <= ? ORDER BY next_run_at LIMIT 100 FOR UPDATE SKIP LOCKED",
                    ScheduleStore::due, now)) {
                Optional<Schedule> schedule = schedule(due.source(), due.schedule());
                if (tx.exists("SELECT 1 FROM run WHERE source_id = ? AND status = 'queued' AND trigger = 'schedule' LIMIT 1",
                        due.source())) {
                    // it has not started, so it will read the newest delivery anyway: a second one would add nothing
                    LOG.info("The timed run of source {} for {} joins the one still queued", due.source(), due.at());
                } else {
                    queued.add(RunQueue.insert(tx, due.tenant(), due.source(), RunTrigger.schedule, due.at(), null));
                }
                Instant after = due.at().isAfter(now) ? due.at() : now;
                setNext(tx, due.source(), schedule.flatMap(s -> ScheduledInstants.next(s, after)).orElse(null));
            }
            return queued;
        });
    }

    /** A source that starts runs on arrival and has no run queued or running, with when its last file arrived. */
    record ArrivalCandidate(UUID sourceId, UUID tenantId, Schedule schedule, Instant lastReceived) {
    }

    List<ArrivalCandidate> arrivalCandidates() {
        List<ArrivalCandidate> out = new ArrayList<>();
        for (Due source : db.query("""
                SELECT s.id, s.tenant_id, s.schedule::text, max(d.received_at)
                FROM source s JOIN delivery_file d ON d.source_id = s.id
                WHERE (s.schedule ->> 'runOnArrival')::boolean
                  AND NOT EXISTS (SELECT 1 FROM run r WHERE r.source_id = s.id AND r.status IN ('queued', 'running'))
                GROUP BY s.id, s.tenant_id, s.schedule::text""", ScheduleStore::due)) {
            schedule(source.source(), source.schedule())
                    .ifPresent(schedule -> out.add(new ArrivalCandidate(source.source(), source.tenant(), schedule, source.at())));
        }
        return out;
    }

    /** The delivery the source's latest run read or was started for. */
    Optional<String> latestRunDelivery(UUID sourceId) {
        return latestRunDelivery(db, sourceId);
    }

    /**
     * Queues an arrival run for the delivery unless, under the source's lock, a run is queued or running already or
     * the latest run was for this very delivery.
     */
    Optional<UUID> queueArrival(UUID sourceId, UUID tenantId, String fingerprint) {
        return db.inTransaction(tx -> {
            if (!tx.exists("SELECT 1 FROM source WHERE id = ? FOR UPDATE SKIP LOCKED", sourceId)) {
                return Optional.empty(); // another instance is deciding for this source
            }
            if (tx.exists("SELECT 1 FROM run WHERE source_id = ? AND status IN ('queued', 'running')", sourceId)) {
                return Optional.empty();
            }
            if (latestRunDelivery(tx, sourceId).filter(fingerprint::equals).isPresent()) {
                return Optional.empty();
            }
            return Optional.of(RunQueue.insert(tx, tenantId, sourceId, RunTrigger.arrival, null, fingerprint));
        });
    }

    private static Optional<String> latestRunDelivery(Statements on, UUID sourceId) {
        return on.optional("SELECT delivery_fingerprint FROM run WHERE source_id = ?"
                + " AND delivery_fingerprint IS NOT NULL ORDER BY created_at DESC, id LIMIT 1", row -> row.text(1), sourceId);
    }

    private static void setNext(Tx tx, UUID source, Instant next) {
        tx.update("UPDATE source SET next_run_at = ?, next_run_planned = true WHERE id = ?", next, source);
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
}
