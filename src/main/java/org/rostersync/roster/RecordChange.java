package org.rostersync.roster;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * A change in one record's history, with its run's status and times: {@code appliedAt} is null for a run that was held
 * (what approving it would do), discarded, or refused.
 */
@Serdeable
public record RecordChange(Change change, String runStatus, Instant runCreatedAt, @Nullable Instant appliedAt) {
}
