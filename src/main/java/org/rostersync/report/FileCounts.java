package org.rostersync.report;

import io.micronaut.serde.annotation.Serdeable;

/**
 * What a run did with one file. {@code rows} counts data rows read; skipped rows are not imported; {@code restored}
 * records came back from tobedeleted (counted in {@code updated} too); {@code activeBefore} is how many active records
 * the entity had before the run, the base of the safeguards' percentages; {@code readMillis} is the time spent reading,
 * checking and staging the rows, {@code mergeMillis} the time merging them into the roster.
 */
@Serdeable
public record FileCounts(String name, String mode, long rows, long inserted, long updated, long unchanged, long deleted,
                         long restored, long skipped, long errors, long warnings, long activeBefore, long readMillis,
                         long mergeMillis) {

    /** The same file, reported as not applied: what was read and found stays, what would have changed does not. */
    public FileCounts notApplied() {
        return new FileCounts(name, mode, rows, 0, 0, 0, 0, 0, skipped, errors, warnings, activeBefore, readMillis, mergeMillis);
    }
}
