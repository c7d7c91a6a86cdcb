package org.rostersync.tenant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A schedule as text, the form operators send and read ({@code PUT /api/sources/{id}/schedule}) and the form it is
 * stored in. A field left out takes its default: every day at 02:00 America/New_York. A field the schedule does not
 * have is refused rather than ignored, and every value is checked by {@link #toSchedule()}, which names the field.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record ScheduleSettings(@Nullable Boolean enabled, @Nullable String timeZone, @Nullable List<String> days,
                               @Nullable String startTime, @Nullable Integer repeatEveryMinutes, @Nullable String repeatUntil,
                               @Nullable String startDate, @Nullable String endDate, @Nullable List<Blackout> blackouts,
                               @Nullable Boolean reapplyUnchanged, @Nullable Boolean runOnArrival,
                               @Nullable Integer arrivalQuietMinutes) {

    /** Every field left out: the default schedule. */
    public static final ScheduleSettings DEFAULTS = new ScheduleSettings(null, null, null, null, null, null, null, null, null, null,
            null, null);

    /** The shortest repeat: a run takes a while, and SIS schedulers repeat in steps of minutes at the finest. */
    public static final int MIN_REPEAT_MINUTES = 5;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Blackout(@Nullable String from, @Nullable String to, @Nullable String note) {
    }

    /** The schedule these settings describe. @throws InvalidSettingException naming the first field that cannot be taken */
    public Schedule toSchedule() {
        Schedule d = Schedule.DEFAULT;
        ZoneId zone = timeZone == null ? d.timeZone() : zone(timeZone);
        Set<DayOfWeek> weekdays = days == null ? d.days() : days(days);
        LocalTime start = startTime == null ? d.startTime() : time("startTime", startTime);
        LocalTime until = null;
        if (repeatEveryMinutes != null) {
            if (repeatEveryMinutes < MIN_REPEAT_MINUTES || repeatEveryMinutes > 24 * 60 - 1) {
                throw new InvalidSettingException("repeatEveryMinutes", "repeatEveryMinutes must be from " + MIN_REPEAT_MINUTES
                        + " to 1439 minutes, not " + repeatEveryMinutes);
            }
            if (repeatUntil == null) {
                throw new InvalidSettingException("repeatUntil", "repeatUntil (HH:mm) is needed with repeatEveryMinutes: the runs"
                        + " repeat from startTime until then");
            }
            until = time("repeatUntil", repeatUntil);
            if (!until.isAfter(start)) {
                throw new InvalidSettingException("repeatUntil", "repeatUntil " + repeatUntil + " must be later in the day than"
                        + " startTime " + TIME.format(start));
            }
        } else if (repeatUntil != null) {
            throw new InvalidSettingException("repeatUntil", "repeatUntil is only taken with repeatEveryMinutes");
        }
        LocalDate first = startDate == null ? null : date("startDate", startDate);
        LocalDate last = endDate == null ? null : date("endDate", endDate);
        if (first != null && last != null && last.isBefore(first)) {
            throw new InvalidSettingException("endDate", "endDate " + endDate + " is before startDate " + startDate);
        }
        List<Schedule.DateRange> ranges = new ArrayList<>();
        List<Blackout> given = blackouts == null ? List.of() : blackouts;
        for (int i = 0; i < given.size(); i++) {
            ranges.add(blackout(i, given.get(i)));
        }
        int quiet = arrivalQuietMinutes == null ? d.arrivalQuietMinutes() : arrivalQuietMinutes;
        if (quiet < 1 || quiet > 24 * 60) {
            throw new InvalidSettingException("arrivalQuietMinutes", "arrivalQuietMinutes must be from 1 to 1440, not " + quiet);
        }
        return new Schedule(enabled == null || enabled, zone, weekdays, start, repeatEveryMinutes, until, first, last, ranges,
                Boolean.TRUE.equals(reapplyUnchanged), Boolean.TRUE.equals(runOnArrival), quiet);
    }

    /** The settings of a schedule, every field given, in the canonical text form. */
    public static ScheduleSettings of(Schedule s) {
        return new ScheduleSettings(s.enabled(), s.timeZone().getId(),
                s.days().stream().map(day -> day.name().toLowerCase(Locale.ROOT)).toList(),
                TIME.format(s.startTime()), s.repeatEveryMinutes(), s.repeatUntil() == null ? null : TIME.format(s.repeatUntil()),
                s.startDate() == null ? null : s.startDate().toString(), s.endDate() == null ? null : s.endDate().toString(),
                s.blackouts().stream().map(b -> new Blackout(b.from().toString(), b.to().toString(), b.note())).toList(),
                s.reapplyUnchanged(), s.runOnArrival(), s.arrivalQuietMinutes());
    }

    private static ZoneId zone(String text) {
        // only region names (America/New_York) and UTC: "EST" or "+05:00" have no daylight saving, which is rarely meant
        if (!text.equals("UTC") && !text.matches("[A-Za-z_]+(/[A-Za-z0-9_+\\-]+)+")) {
            throw new InvalidSettingException("timeZone", "timeZone must be an IANA time zone such as America/New_York or"
                    + " Europe/Berlin, or UTC, not \"" + text + "\"");
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new InvalidSettingException("timeZone", "timeZone \"" + text + "\" is not a known IANA time zone (such as"
                    + " America/New_York)");
        }
    }

    private static Set<DayOfWeek> days(List<String> names) {
        Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        for (String name : names) {
            out.add(day(name));
        }
        return out;
    }

    private static DayOfWeek day(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            String full = day.name().toLowerCase(Locale.ROOT);
            if (n.length() >= 3 && full.startsWith(n)) {
                return day;
            }
        }
        throw new InvalidSettingException("days", "days must name days of the week (monday ... sunday, or mon ... sun),"
                + " not \"" + name + "\"");
    }

    private static LocalTime time(String field, String text) {
        if (!text.matches("\\d{2}:\\d{2}")) {
            throw new InvalidSettingException(field, field + " must be a time as HH:mm (24-hour, e.g. 02:00), not \"" + text + "\"");
        }
        try {
            return LocalTime.parse(text, TIME);
        } catch (DateTimeParseException e) {
            throw new InvalidSettingException(field, field + " \"" + text + "\" is not a time of day (00:00 to 23:59)");
        }
    }

    private static LocalDate date(String field, String text) {
        try {
            if (!text.matches("\\d{4}-\\d{2}-\\d{2}")) {
                throw new DateTimeParseException("not yyyy-MM-dd", text, 0);
            }
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidSettingException(field, field + " must be a date as yyyy-MM-dd (e.g. 2027-06-15), not \"" + text + "\"");
        }
    }

    private static Schedule.DateRange blackout(int index, Blackout b) {
        String field = "blackouts[" + index + "]";
        if (b == null || b.from() == null || b.to() == null) {
            throw new InvalidSettingException(field, field + " needs from and to (yyyy-MM-dd, both included)");
        }
        LocalDate from = date(field + ".from", b.from());
        LocalDate to = date(field + ".to", b.to());
        if (to.isBefore(from)) {
            throw new InvalidSettingException(field + ".to", field + ".to " + b.to() + " is before its from " + b.from());
        }
        if (b.note() != null && b.note().length() > 200) {
            throw new InvalidSettingException(field + ".note", field + ".note is longer than 200 characters");
        }
        return new Schedule.DateRange(from, to, b.note());
    }
}
