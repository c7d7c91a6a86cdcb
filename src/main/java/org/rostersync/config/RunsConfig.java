package org.rostersync.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Runs: their archives, and how much of a file they compare in memory.
 *
 * @param keepDays    how many days a finished run keeps its frozen delivery for download; a held run keeps it until it is
 *                    decided, since approving it reads it again
 * @param partRecords how many records of one file a run compares with the roster in memory at once (about 46 bytes
 *                    each); a larger file is compared part by part through files on disk, so that memory stays the same
 *                    whatever the district's size
 */
@ConfigurationProperties("rostersync.runs")
public record RunsConfig(@Bindable(defaultValue = "30") int keepDays, @Bindable(defaultValue = "1000000") long partRecords) {

    public RunsConfig {
        if (keepDays < 1) {
            throw new IllegalArgumentException("rostersync.runs.keep-days (ROSTERSYNC_RUNS_KEEP_DAYS) must be at least 1, not " + keepDays);
        }
        if (partRecords < 1) {
            throw new IllegalArgumentException("rostersync.runs.part-records (ROSTERSYNC_RUNS_PART_RECORDS) must be at least 1, not "
                    + partRecords);
        }
    }
}
