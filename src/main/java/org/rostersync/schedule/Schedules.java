package org.rostersync.schedule;

import jakarta.inject.Singleton;
import org.rostersync.tenant.Schedule;
import org.rostersync.tenant.ScheduleSettings;
import org.rostersync.tenant.TenantService;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A source's schedule as operators set it, saved with its next timed run so that every instance agrees on it. */
@Singleton
public class Schedules {

    private final TenantService tenants;
    private final ScheduleStore store;

    Schedules(TenantService tenants, ScheduleStore store) {
        this.tenants = tenants;
        this.store = store;
    }

    /** The source's schedule; empty when the source does not exist. */
    public Optional<Schedule> schedule(UUID sourceId) {
        return tenants.schedule(sourceId);
    }

    /**
     * Checks and saves a schedule; its next timed run is its first instant from now.
     *
     * @return empty when the source does not exist
     * @throws org.rostersync.tenant.InvalidSettingException naming the field that cannot be taken; nothing is saved then
     */
    public Optional<Schedule> save(UUID sourceId, ScheduleSettings settings, org.rostersync.tenant.Actor by) {
        Schedule schedule = settings.toSchedule();
        Instant next = ScheduledInstants.next(schedule, store.now()).orElse(null);
        return tenants.saveSchedule(sourceId, schedule, next, by) ? Optional.of(schedule) : Optional.empty();
    }

    /** The schedule's next instants from now. */
    public List<Instant> upcoming(Schedule schedule, int count) {
        return ScheduledInstants.upcoming(schedule, store.now(), count);
    }
}
