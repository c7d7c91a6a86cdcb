package org.rostersync.tenant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which schools (orgs of type school) of a source are in scope. In {@code auto} mode a school a delivery brings that
 * the mapping does not know is added and included, with a warning; in {@code explicit} mode its records are skipped
 * ("school not mapped") until an operator maps it. An excluded school's records are always skipped.
 *
 * @param mode         how schools the mapping does not know are treated
 * @param schools      the schools known, by sourcedId
 * @param lastListedAt when a bulk orgs.csv last listed the source's schools: a school it did not list stopped arriving
 */
@Serdeable
public record SchoolMapping(@NotNull Mode mode, @NotNull @Size(max = 100_000) List<@Valid @NotNull School> schools,
                            @Nullable Instant lastListedAt) {

    public static final SchoolMapping DEFAULT = new SchoolMapping(Mode.auto, List.of(), null);

    /** The longest sourcedId a school may have (as the admin API's request allows). */
    public static final int MAX_SOURCED_ID = 255;
    /** The longest display name an operator may give a school. */
    public static final int MAX_DISPLAY_NAME = 200;

    public enum Mode { auto, explicit }

    /**
     * One school.
     *
     * @param sourcedId   the org's sourcedId in the deliveries
     * @param name        its name as last delivered (kept by the runs; what an operator sends is ignored)
     * @param included    whether its records are imported
     * @param displayName what operators call it, when not its delivered name
     * @param firstSeenAt when a run first saw it (null: mapped by hand, not delivered yet)
     * @param lastSeenAt  when a bulk orgs.csv last listed it
     */
    @Serdeable
    public record School(@NotBlank @Size(max = MAX_SOURCED_ID) String sourcedId, @Nullable @Size(max = 500) String name, boolean included,
                         @Nullable @Size(max = MAX_DISPLAY_NAME) String displayName, @Nullable Instant firstSeenAt, @Nullable Instant lastSeenAt) {
    }

    public SchoolMapping {
        schools = List.copyOf(schools);
    }

    public Optional<School> school(String sourcedId) {
        return schools.stream().filter(s -> s.sourcedId().equals(sourcedId)).findFirst();
    }

    /** What an operator sets of one school. */
    public record Entry(String sourcedId, boolean included, @Nullable String displayName) {
    }

    /**
     * The mapping as an operator sets it: the mode and the schools, each keeping what runs learnt of it (its delivered
     * name, when it was seen). A school left out is forgotten.
     *
     * @throws InvalidSettingException when a school is listed twice, has no sourcedId, or a display name too long (the
     *                                 admin API's request checks the lengths too; the console's form has only these)
     */
    public SchoolMapping withEntries(Mode newMode, List<Entry> entries) {
        List<School> out = new java.util.ArrayList<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            if (entry.sourcedId() == null || entry.sourcedId().isBlank() || entry.sourcedId().length() > MAX_SOURCED_ID) {
                throw new InvalidSettingException("schools[" + i + "].sourcedId", "a school's sourcedId must be 1 to "
                        + MAX_SOURCED_ID + " characters");
            }
            if (!ids.add(entry.sourcedId())) {
                throw new InvalidSettingException("schools[" + i + "].sourcedId", "school '" + entry.sourcedId() + "' is listed twice");
            }
            Optional<School> known = school(entry.sourcedId());
            String displayName = entry.displayName() == null || entry.displayName().isBlank() ? null : entry.displayName().trim();
            if (displayName != null && displayName.length() > MAX_DISPLAY_NAME) {
                throw new InvalidSettingException("schools[" + i + "].displayName", "a display name must be at most "
                        + MAX_DISPLAY_NAME + " characters, not " + displayName.length());
            }
            out.add(new School(entry.sourcedId(), known.map(School::name).orElse(null), entry.included(), displayName,
                    known.map(School::firstSeenAt).orElse(null), known.map(School::lastSeenAt).orElse(null)));
        }
        return new SchoolMapping(newMode, out, lastListedAt);
    }

    /** The mapping with the schools an orgs.csv lists: new ones added and included, known ones renamed as listed. */
    public SchoolMapping withListed(java.util.Map<String, String> namesById) {
        List<School> out = new java.util.ArrayList<>(schools);
        namesById.forEach((id, name) -> {
            Optional<School> known = school(id);
            if (known.isPresent()) {
                School s = known.get();
                out.set(out.indexOf(s), new School(id, name == null ? s.name() : name, s.included(), s.displayName(), s.firstSeenAt(),
                        s.lastSeenAt()));
            } else {
                out.add(new School(id, name, true, null, null, null));
            }
        });
        return new SchoolMapping(mode, out, lastListedAt);
    }

    /** Whether a bulk orgs.csv that listed the source's schools after this one was seen no longer listed it. */
    public boolean stoppedArriving(School school) {
        return lastListedAt != null && school.firstSeenAt() != null
                && (school.lastSeenAt() == null || school.lastSeenAt().isBefore(lastListedAt));
    }
}
