package org.rostersync.tenant;

import io.micronaut.core.annotation.Nullable;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * When a source's runs start, as SIS schedulers put it: on some days of the week, at a start time in a time zone,
 * optionally again every {@code repeatEveryMinutes} until {@code repeatUntil}; from a start date to an optional end
 * date; never on a blackout date (the deliveries are kept, and the next scheduled run reads them). {@code enabled}
 * switches the timed runs; {@code runOnArrival} starts a run when a complete delivery has been quiet for
 * {@code arrivalQuietMinutes}. A timed run that finds nothing new since the last applied run applies nothing, unless
 * {@code reapplyUnchanged}. Stored and shown as {@link ScheduleSettings}, its text form.
 */
public record Schedule(boolean enabled, ZoneId timeZone, Set<DayOfWeek> days, LocalTime startTime,
                       @Nullable Integer repeatEveryMinutes, @Nullable LocalTime repeatUntil, @Nullable LocalDate startDate,
                       @Nullable LocalDate endDate, List<DateRange> blackouts, boolean reapplyUnchanged, boolean runOnArrival,
                       int arrivalQuietMinutes) {

    /** Every night at 02:00 in New York, as Aperture and Clever run their imports. */
    public static final Schedule DEFAULT = new Schedule(true, ZoneId.of("America/New_York"), EnumSet.allOf(DayOfWeek.class),
            LocalTime.of(2, 0), null, null, null, null, List.of(), false, false, 5);

    public Schedule {
        EnumSet<DayOfWeek> ordered = EnumSet.noneOf(DayOfWeek.class);
        ordered.addAll(days);
        days = java.util.Collections.unmodifiableSet(ordered); // in week order, for the text form
        blackouts = List.copyOf(blackouts);
    }

    /** Whether runs may happen on the date at all: within the start and end dates, and outside every blackout. */
    public boolean activeOn(LocalDate date) {
        return (startDate == null || !date.isBefore(startDate)) && (endDate == null || !date.isAfter(endDate))
                && blackouts.stream().noneMatch(b -> b.contains(date));
    }

    /** An inclusive range of dates, e.g. the summer holidays. */
    public record DateRange(LocalDate from, LocalDate to, @Nullable String note) {

        public boolean contains(LocalDate date) {
            return !date.isBefore(from) && !date.isAfter(to);
        }
    }
}
