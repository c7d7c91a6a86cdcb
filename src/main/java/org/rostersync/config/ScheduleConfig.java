package org.rostersync.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The sources' schedules on this instance.
 *
 * @param enabled     whether this instance starts timed and arrival runs (runs asked for are executed either way): off
 *                    on every instance stops them all, e.g. while the database is being moved
 * @param tickSeconds how often the instance looks for due schedules and quiet deliveries: a timed run starts at most
 *                    this late
 */
@ConfigurationProperties("rostersync.schedule")
public record ScheduleConfig(@Bindable(defaultValue = "true") boolean enabled, @Bindable(defaultValue = "5") int tickSeconds) {

    public ScheduleConfig {
        if (tickSeconds < 1 || tickSeconds > 60) {
            throw new IllegalArgumentException("rostersync.schedule.tick-seconds (ROSTERSYNC_SCHEDULE_TICK_SECONDS) must be from 1"
                    + " to 60, not " + tickSeconds);
        }
    }
}
