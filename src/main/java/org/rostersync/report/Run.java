package org.rostersync.report;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Serdeable
public record Run(UUID id, UUID sourceId, RunStatus status, Instant createdAt, @Nullable Instant startedAt,
                  @Nullable Instant finishedAt, @Nullable String message, List<FileCounts> files,
                  @Nullable String decidedBy, @Nullable Instant decidedAt, List<Phase> phases, @Nullable String progressFile,
                  @Nullable Long progressRows, @Nullable Instant archiveRemovedAt,
                  RunTrigger trigger, @Nullable Instant scheduledFor) {

    /** How long one phase of the run took. */
    @Serdeable
    public record Phase(String name, long millis) {
    }
}
