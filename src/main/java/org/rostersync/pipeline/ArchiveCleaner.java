package org.rostersync.pipeline;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.rostersync.config.RunsConfig;
import org.rostersync.intake.inbox.Inbox;
import org.rostersync.report.RunStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Removes the archives of runs finished more than the configured days ago; held runs keep theirs until decided. */
@Singleton
public class ArchiveCleaner {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveCleaner.class);

    private final RunStore runs;
    private final Inbox inbox;
    private final RunsConfig config;

    ArchiveCleaner(RunStore runs, Inbox inbox, RunsConfig config) {
        this.runs = runs;
        this.inbox = inbox;
        this.config = config;
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "5m")
    void hourly() {
        try {
            removeFinishedBefore(Instant.now().minus(Duration.ofDays(config.keepDays())));
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Run archives were not cleaned up", e);
        }
    }

    /** @return how many archives were removed */
    public int removeFinishedBefore(Instant before) throws SQLException {
        int removed = 0;
        for (UUID runId : runs.archivesOlderThan(before)) {
            try {
                inbox.removeArchive(runId);
                runs.archiveRemoved(runId);
                removed++;
            } catch (IOException e) {
                LOG.warn("The archive of run {} could not be removed", runId, e);
            }
        }
        if (removed > 0) {
            LOG.info("Removed the archives of {} runs finished before {}", removed, before);
        }
        return removed;
    }
}
