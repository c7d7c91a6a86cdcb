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
    public record School(@NotBlank @Size(max = 255) String sourcedId, @Nullable @Size(max = 500) String name, boolean included,
                         @Nullable @Size(max = 200) String displayName, @Nullable Instant firstSeenAt, @Nullable Instant lastSeenAt) {
    }

    public SchoolMapping {
        schools = List.copyOf(schools);
    }

    public Optional<School> school(String sourcedId) {
        return schools.stream().filter(s -> s.sourcedId().equals(sourcedId)).findFirst();
    }
}
