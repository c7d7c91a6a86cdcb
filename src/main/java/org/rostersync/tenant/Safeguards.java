package org.rostersync.tenant;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * When a run is held instead of applied: if it would soft-delete more than {@code maxDeletedPercent} of any entity's
 * active records, or change (update or delete) more than {@code maxChangedPercent} of them. With {@code neverDelete}
 * runs only add and update: records a bulk file no longer lists stay active, and delta deletions are ignored.
 */
@Serdeable
public record Safeguards(@Min(0) @Max(100) int maxDeletedPercent, @Min(0) @Max(100) int maxChangedPercent, boolean neverDelete) {

    /** As Clever holds a sync: over 10% deleted or 75% changed. */
    public static final Safeguards DEFAULTS = new Safeguards(10, 75, false);
}
