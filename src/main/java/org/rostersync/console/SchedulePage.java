package org.rostersync.console;

import org.rostersync.tenant.ScheduleSettings;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The schedule form: what is stored (in its text form), the next timed runs as the source's clock shows them, and a
 * refused form's state.
 *
 * @param timed whether timed runs are on; when off, {@code next} is what they would be
 */
public record SchedulePage(Frame frame, SourceHeader header, ScheduleSettings stored, boolean timed, List<String> next,
                           FormState form) {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm zzz (xxx)", Locale.ENGLISH);

    public static final List<String> DAYS = List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");

    static String local(Instant at, ZoneId zone) {
        return LOCAL.format(at.atZone(zone));
    }

    public boolean day(String day) {
        return form.checked("day." + day, stored.days().contains(day));
    }

    public String blackouts() {
        return form.value("blackouts", BlackoutLines.format(stored.blackouts()));
    }

    /** Every IANA region zone, for the time zone field's suggestions. */
    public List<String> zones() {
        return ZoneId.getAvailableZoneIds().stream().filter(z -> z.contains("/") && !z.startsWith("Etc/")
                && !z.startsWith("SystemV/")).sorted().toList();
    }
}
