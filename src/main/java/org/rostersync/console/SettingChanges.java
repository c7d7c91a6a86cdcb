package org.rostersync.console;

import io.micronaut.core.annotation.Nullable;
import org.rostersync.tenant.FieldChange;
import org.rostersync.tenant.SettingChange;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Changes of settings from the audit log, as a table of the source's or the tenant's page shows them, newest first.
 *
 * @param showSource whether each row names its source (the tenant's list mixes its sources')
 * @param more       where the older changes are listed; null when there are none
 */
public record SettingChanges(List<SettingChange> changes, boolean showSource, @Nullable String more) {

    /** In UTC: an operator of one time zone may look at the changes of another's. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    public SettingChanges {
        changes = List.copyOf(changes);
    }

    /**
     * The first {@code shown} of the changes read (one more than shown was read, to know whether older ones exist).
     *
     * @param olderHref the address of the older changes, to which {@code before=<id>} is added
     */
    static SettingChanges of(List<SettingChange> read, int shown, boolean showSource, String olderHref) {
        if (read.size() <= shown) {
            return new SettingChanges(read, showSource, null);
        }
        List<SettingChange> page = read.subList(0, shown);
        String separator = olderHref.contains("?") ? "&" : "?";
        return new SettingChanges(page, showSource, olderHref + separator + "before=" + page.get(page.size() - 1).id());
    }

    public String time(Instant at) {
        return TIME.format(at);
    }

    /** A field's value as shown: blank values say so rather than show nothing. */
    public String value(@Nullable String value) {
        return value == null ? "(none)" : value.isEmpty() ? "(empty)" : value;
    }

    /** Whether the field is the note that more fields changed than were kept. */
    public boolean isNote(FieldChange field) {
        return field.before() == null && field.after() == null;
    }
}
