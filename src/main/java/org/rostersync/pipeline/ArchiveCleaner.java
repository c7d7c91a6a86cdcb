package org.rostersync.pipeline;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.rostersync.config.RunsConfig;
import org.rostersync.intake.inbox.RunArchives;
import org.rostersync.report.ArchiveStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Removes the archives of runs finished more than the configured days ago (failed runs sooner); held runs keep theirs until
 * decided. Frozen files that no remaining archive holds go with them; one still held by another run stays.
 */
@Singleton
public class ArchiveCleaner {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveCleaner.class);

    private final ArchiveStore runs;
    private final RunArchives archives;
    private final RunsConfig config;

    ArchiveCleaner(ArchiveStore runs, RunArchives archives, RunsConfig config) {
        this.runs = runs;
        this.archives = archives;
        this.config = config;
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "5m")
    void hourly() {
        try {
            removeExpired(Instant.now());
        } catch (RuntimeException e) {
            LOG.warn("Run archives were not cleaned up", e);
        }
    }

    /** Removes the archives past their keeping time at {@code now}; @return how many */
    public int removeExpired(Instant now) {
        return remove(now.minus(Duration.ofDays(config.keepDays())), now.minus(Duration.ofDays(config.keepFailedDays())));
    }

    /** @return how many archives were removed: of every run finished before {@code before}, whatever its outcome */
    public int removeFinishedBefore(Instant before) {
        return remove(before, before);
    }

    private int remove(Instant before, Instant failedBefore) {
        int removed = 0;
        for (UUID runId : runs.archivesOlderThan(before, failedBefore)) {
            try {
                archives.removeArchive(runId);
                runs.archiveRemoved(runId);
                removed++;
            } catch (IOException e) {
                LOG.warn("The archive of run {} could not be removed", runId, e);
            }
        }
        try {
            // with object storage, copies of archives this instance fetched for a download (a day is plenty to read them)
            archives.removeLocalCopies(Instant.now().minus(Duration.ofDays(1)));
        } catch (IOException e) {
            LOG.warn("Local copies of run archives were not removed", e);
        }
        try {
            int files = archives.removeUnusedFrozenFiles();
            if (removed > 0) {
                LOG.info("Removed the archives of {} runs finished before {} (failed ones before {}), and {} frozen files no"
                        + " other run holds", removed, before, failedBefore, files);
            }
        } catch (IOException e) {
            LOG.warn("Frozen files no run holds any more were not removed", e);
        }
        return removed;
    }
}
