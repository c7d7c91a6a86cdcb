package org.rostersync.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Runs' archives.
 *
 * @param keepDays how many days a finished run keeps its frozen delivery for download; a held run keeps it until it is
 *                 decided, since approving it reads it again
 */
@ConfigurationProperties("rostersync.runs")
public record RunsConfig(@Bindable(defaultValue = "30") int keepDays) {

    public RunsConfig {
        if (keepDays < 1) {
            throw new IllegalArgumentException("rostersync.runs.keep-days (ROSTERSYNC_RUNS_KEEP_DAYS) must be at least 1, not " + keepDays);
        }
    }
}
