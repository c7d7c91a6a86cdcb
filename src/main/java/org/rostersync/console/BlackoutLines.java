package org.rostersync.console;

import org.rostersync.tenant.ScheduleSettings;

import java.util.ArrayList;
import java.util.List;

/**
 * Blackout ranges typed one per line, as people write them: {@code 2027-06-20 2027-08-31 Summer break}, or with "to"
 * between the dates. Checking the dates is left to {@link ScheduleSettings#toSchedule()}, which names the entry.
 */
final class BlackoutLines {

    private BlackoutLines() {
    }

    static List<ScheduleSettings.Blackout> parse(TypedLines lines) {
        List<ScheduleSettings.Blackout> out = new ArrayList<>();
        for (String line : lines.entries()) {
            String[] parts = line.split("\\s+", 4);
            int to = parts.length > 2 && parts[1].equalsIgnoreCase("to") ? 2 : 1;
            String note = parts.length > to + 1 ? String.join(" ", java.util.Arrays.copyOfRange(parts, to + 1, parts.length)) : null;
            out.add(new ScheduleSettings.Blackout(parts[0], parts.length > to ? parts[to] : null, note));
        }
        return out;
    }

    /** The ranges as lines, the way {@link #parse} reads them back. */
    static String format(List<ScheduleSettings.Blackout> blackouts) {
        StringBuilder out = new StringBuilder();
        for (ScheduleSettings.Blackout b : blackouts) {
            out.append(b.from()).append(" to ").append(b.to());
            if (b.note() != null && !b.note().isBlank()) {
                out.append(' ').append(b.note());
            }
            out.append('\n');
        }
        return out.toString();
    }
}
