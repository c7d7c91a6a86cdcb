package org.rostersync.console;

import io.micronaut.core.annotation.Nullable;
import org.rostersync.tenant.SchoolMapping;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The school mapping as a form: the mode, when a bulk orgs.csv last listed the schools, and one row per school, those
 * that stopped arriving first (they need an operator's decision: forget them, or find out why they are missing).
 *
 * @param lastListed when a bulk orgs.csv last listed the schools, in the source's time zone; null when none has
 * @param form       the mapping form's state (what was sent and the error, after a refusal)
 * @param upload     the orgs.csv upload's state (its error, after a refusal)
 */
public record SchoolsPage(Frame frame, SourceHeader header, SchoolMapping.Mode mode, @Nullable String lastListed,
                          List<Row> schools, FormState form, FormState upload) {

    public SchoolsPage {
        schools = List.copyOf(schools);
    }

    /**
     * One school. {@code index} is its position in the stored mapping: its form fields are named by it.
     *
     * @param name the name the deliveries gave it, null when none has yet
     */
    public record Row(int index, String sourcedId, @Nullable String name, @Nullable String displayName, boolean included,
                      @Nullable String firstSeen, @Nullable String lastSeen, boolean stoppedArriving) {

        /** A field of this row's: {@code school.3.displayName}. */
        public String field(String part) {
            return "school." + index + "." + part;
        }

        /** The HTML id of a field of this row's (ids hold no dots, so CSS selects them plainly). */
        public String id(String part) {
            return "school-" + index + "-" + part;
        }

        /** What the school is called on the page: its display name, else its delivered name, else its sourcedId. */
        public String label() {
            return displayName != null ? displayName : name != null ? name : sourcedId;
        }
    }

    static SchoolsPage of(Frame frame, SourceHeader header, SchoolMapping mapping, ZoneId zone, FormState form, FormState upload) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < mapping.schools().size(); i++) {
            SchoolMapping.School s = mapping.schools().get(i);
            rows.add(new Row(i, s.sourcedId(), s.name(), s.displayName(), s.included(), when(s.firstSeenAt(), zone),
                    when(s.lastSeenAt(), zone), mapping.stoppedArriving(s)));
        }
        rows.sort(Comparator.comparing((Row r) -> !r.stoppedArriving()).thenComparingInt(Row::index));
        return new SchoolsPage(frame, header, mapping.mode(), when(mapping.lastListedAt(), zone), rows, form, upload);
    }

    public long stopped() {
        return schools.stream().filter(Row::stoppedArriving).count();
    }

    /** The mode to show selected: as sent when the form came back, else the stored one. */
    public String selectedMode() {
        return form.value("mode", mode.name());
    }

    private static String when(@Nullable Instant at, ZoneId zone) {
        return at == null ? null : Dashboard.when(at, zone);
    }
}
