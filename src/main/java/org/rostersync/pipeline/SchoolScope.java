package org.rostersync.pipeline;

import org.rostersync.tenant.SchoolMapping;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A run's view of the source's school mapping: decides each delivered school, remembers which schools it saw, and says
 * afterwards what the mapping becomes (new schools, names, when each was last listed).
 */
final class SchoolScope {

    enum Decision { IN, ADDED, EXCLUDED, NOT_MAPPED }

    private final SchoolMapping mapping;
    private final Map<String, SchoolMapping.School> known = new LinkedHashMap<>();
    /** Schools delivered in this run, by sourcedId, with their delivered names. */
    private final Map<String, String> seen = new LinkedHashMap<>();
    private final Set<String> outOfScope = new HashSet<>();
    private boolean listedInBulk;
    /** The mapping knows no school yet (auto mode's first delivery). */
    private boolean baseline;

    SchoolScope(SchoolMapping mapping) {
        this.mapping = mapping;
        baseline = mapping.schools().isEmpty() && mapping.lastListedAt() == null;
        for (SchoolMapping.School school : mapping.schools()) {
            known.put(school.sourcedId(), school);
            if (!school.included()) {
                outOfScope.add(school.sourcedId());
            }
        }
    }

    /** Decides a school a delivery lists, and remembers it. */
    Decision decide(String sourcedId, String name) {
        seen.put(sourcedId, name);
        SchoolMapping.School school = known.get(sourcedId);
        if (school != null) {
            return school.included() ? Decision.IN : Decision.EXCLUDED;
        }
        if (mapping.mode() == SchoolMapping.Mode.auto) {
            // the first delivery sets the baseline: only schools that come later are news
            return baseline ? Decision.IN : Decision.ADDED;
        }
        outOfScope.add(sourcedId);
        return Decision.NOT_MAPPED;
    }

    /** A bulk orgs.csv was read: the schools it did not list have stopped arriving. */
    void listedInBulk() {
        listedInBulk = true;
    }

    /** The schools whose records are not imported (and not soft-deleted): excluded, or not mapped in explicit mode. */
    Set<String> outOfScope() {
        return Collections.unmodifiableSet(outOfScope);
    }

    /**
     * The mapping after this run, merged into what it is now (an operator may have changed it while the run went on):
     * schools seen for the first time are added (included in auto mode, not in explicit mode), names follow the
     * delivery, and a bulk orgs.csv marks when each school was last listed.
     */
    SchoolMapping after(SchoolMapping current, Instant now) {
        List<SchoolMapping.School> schools = new ArrayList<>();
        Set<String> present = new HashSet<>();
        for (SchoolMapping.School s : current.schools()) {
            present.add(s.sourcedId());
            String name = seen.get(s.sourcedId());
            schools.add(name == null ? s : new SchoolMapping.School(s.sourcedId(), name, s.included(), s.displayName(),
                    s.firstSeenAt() == null ? now : s.firstSeenAt(), listedInBulk ? now : s.lastSeenAt()));
        }
        seen.forEach((id, name) -> {
            if (!present.contains(id)) {
                schools.add(new SchoolMapping.School(id, name, current.mode() == SchoolMapping.Mode.auto, null, now,
                        listedInBulk ? now : null));
            }
        });
        return new SchoolMapping(current.mode(), schools, listedInBulk ? now : current.lastListedAt());
    }
}
