package org.rostersync.roster;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.UUID;

/**
 * One record a run inserted, changed, withdrew or restored: its file, sourcedId, name or title and school as the run
 * wrote them, and for a change (or a restore) each field that differs, before and after, as the CSV would write it.
 */
@Serdeable
public record Change(UUID runId, String file, ChangeOp op, String sourcedId, @Nullable String name, @Nullable String school,
                     List<Field> fields) {

    /** One field of a change, by CSV column name: its value before the run and after it (null: empty). */
    @Serdeable
    public record Field(String name, @Nullable String before, @Nullable String after) {
    }
}
