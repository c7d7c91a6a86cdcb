package org.rostersync.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Runs: their archives, and how much of a file they compare in memory.
 *
 * @param keepDays    how many days a finished run keeps its frozen delivery for download; a held run keeps it until it is
 *                    decided, since approving it reads it again
 * @param keepFailedDays how many days a failed run keeps its frozen delivery: a source failing night after night would
 *                    otherwise keep a month of them
 * @param partRecords how many records of one file a run compares with the roster in memory at once (about 46 bytes
 *                    each); a larger file is compared part by part through files on disk, so that memory stays the same
 *                    whatever the district's size
 * @param workers     how many runs this instance executes at once (of different sources: a source runs one at a time)
 * @param pollMillis  how often an idle instance looks for runs queued by the others
 */
@ConfigurationProperties("rostersync.runs")
public record RunsConfig(@Bindable(defaultValue = "30") int keepDays, @Bindable(defaultValue = "1000000") long partRecords,
                         @Bindable(defaultValue = "2") int workers, @Bindable(defaultValue = "1000") long pollMillis,
                         @Bindable(defaultValue = "3") int keepFailedDays) {

    public RunsConfig {
        if (keepDays < 1) {
            throw new IllegalArgumentException("rostersync.runs.keep-days (ROSTERSYNC_RUNS_KEEP_DAYS) must be at least 1, not " + keepDays);
        }
        if (keepFailedDays < 1) {
            throw new IllegalArgumentException("rostersync.runs.keep-failed-days (ROSTERSYNC_RUNS_KEEP_FAILED_DAYS) must be at least 1,"
                    + " not " + keepFailedDays);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("rostersync.runs.workers (ROSTERSYNC_RUNS_WORKERS) must be at least 1, not " + workers);
        }
        if (pollMillis < 10) {
            throw new IllegalArgumentException("rostersync.runs.poll-millis (ROSTERSYNC_RUNS_POLL_MILLIS) must be at least 10, not "
                    + pollMillis);
        }
        if (partRecords < 1) {
            throw new IllegalArgumentException("rostersync.runs.part-records (ROSTERSYNC_RUNS_PART_RECORDS) must be at least 1, not "
                    + partRecords);
        }
    }
}
