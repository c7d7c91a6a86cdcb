package org.rostersync.api.admin;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import org.rostersync.schedule.Schedules;
import org.rostersync.tenant.Schedule;
import org.rostersync.tenant.ScheduleSettings;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A source's schedule: when its timed runs start, and whether a complete delivery starts one on arrival. The answer
 * shows the next runs as instants and as wall-clock times with their offsets, so that an operator sees what daylight
 * saving does to them.
 */
@Controller("/api/sources/{sourceId}/schedule")
@ExecuteOn(TaskExecutors.BLOCKING)
class ScheduleController {

    private static final int UPCOMING = 5;

    private final Schedules schedules;

    ScheduleController(Schedules schedules) {
        this.schedules = schedules;
    }

    /** One run to come: when, and what the source's clock says then. */
    @Serdeable
    record NextRun(Instant at, String localTime) {
    }

    @Serdeable
    record ScheduleView(ScheduleSettings schedule, List<NextRun> nextRuns) {
    }

    @Get
    ScheduleView schedule(UUID sourceId) {
        return view(schedules.schedule(sourceId).orElseThrow(() -> new NotFoundException("source", sourceId)));
    }

    /** Replaces the schedule; fields left out take their defaults (every day at 02:00 America/New_York). */
    @Put
    ScheduleView save(UUID sourceId, @Body ScheduleSettings body, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        return view(schedules.save(sourceId, body, caller.actor()).orElseThrow(() -> new NotFoundException("source", sourceId)));
    }

    private ScheduleView view(Schedule schedule) {
        return new ScheduleView(ScheduleSettings.of(schedule), schedules.upcoming(schedule, UPCOMING).stream()
                .map(at -> new NextRun(at, at.atZone(schedule.timeZone()).toOffsetDateTime().toString())).toList());
    }
}
