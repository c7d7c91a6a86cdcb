package org.rostersync.schedule;

import org.rostersync.tenant.Schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The instants a schedule starts runs at. A schedule speaks in wall-clock times, which daylight saving makes ambiguous
 * twice a year: a time that does not exist on a spring-forward day (02:00 in New York on 8 March 2026) runs once, as
 * late as the gap (03:00), and a time that happens twice on a fall-back day runs once, at its first occurrence. Two
 * wall-clock times that fall on one instant (02:30 moved to 03:30, and 03:30 itself) are one run.
 */
public final class ScheduledInstants {

    /** Beyond this many days without a run (a blackout of years), the schedule is taken to have no next run. */
    private static final int HORIZON_DAYS = 3 * 366;

    private ScheduledInstants() {
    }

    /** The instants of a local date, in order, each once; none on a day the schedule does not run. */
    public static List<Instant> on(Schedule schedule, LocalDate date) {
        if (!schedule.days().contains(date.getDayOfWeek()) || !schedule.activeOn(date)) {
            return List.of();
        }
        TreeSet<Instant> instants = new TreeSet<>();
        LocalTime time = schedule.startTime();
        while (true) {
            // ofLocal moves a time in a gap forward by the gap's length, and takes the earlier offset in an overlap
            instants.add(ZonedDateTime.ofLocal(date.atTime(time), schedule.timeZone(), null).toInstant());
            if (schedule.repeatEveryMinutes() == null) {
                break;
            }
            LocalTime next = time.plusMinutes(schedule.repeatEveryMinutes());
            if (!next.isAfter(time) || next.isAfter(schedule.repeatUntil())) {
                break; // past midnight, or past the end of the repeats
            }
            time = next;
        }
        return new ArrayList<>(instants);
    }

    /** The first instant strictly after {@code after}; empty when timed runs are off or none is left. */
    public static Optional<Instant> next(Schedule schedule, Instant after) {
        if (!schedule.enabled() || schedule.days().isEmpty()) {
            return Optional.empty();
        }
        // the day before too: a zone's day may start before or after midnight UTC, and a repeat may reach past it
        LocalDate day = after.atZone(schedule.timeZone()).toLocalDate().minusDays(1);
        if (schedule.startDate() != null && day.isBefore(schedule.startDate())) {
            day = schedule.startDate();
        }
        for (int i = 0; i < HORIZON_DAYS; i++, day = day.plusDays(1)) {
            if (schedule.endDate() != null && day.isAfter(schedule.endDate())) {
                return Optional.empty();
            }
            for (Instant instant : on(schedule, day)) {
                if (instant.isAfter(after)) {
                    return Optional.of(instant);
                }
            }
        }
        return Optional.empty();
    }

    /** Up to {@code count} next instants after {@code after}, to show an operator what the schedule means. */
    public static List<Instant> upcoming(Schedule schedule, Instant after, int count) {
        List<Instant> out = new ArrayList<>();
        Optional<Instant> next = next(schedule, after);
        while (next.isPresent() && out.size() < count) {
            out.add(next.get());
            next = next(schedule, next.get());
        }
        return out;
    }
}
