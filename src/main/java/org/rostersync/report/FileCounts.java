package org.rostersync.report;

import io.micronaut.serde.annotation.Serdeable;

/** What a run did with one file. {@code rows} counts data rows read; skipped rows are not imported. */
@Serdeable
public record FileCounts(String name, String mode, long rows, long inserted, long updated, long unchanged, long deleted,
                         long skipped, long errors, long warnings) {
}
