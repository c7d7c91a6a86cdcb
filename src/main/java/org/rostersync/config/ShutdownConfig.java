package org.rostersync.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * How the service stops on SIGTERM.
 *
 * @param graceSeconds how long a run in progress may take to finish once the stop began; past it the run stops at its
 *                     next safe point and applies nothing. 0: runs stop at their next safe point at once. A supervisor
 *                     must wait longer than this before it kills the process (systemd's TimeoutStopSec, a container
 *                     runtime's stop timeout)
 */
@ConfigurationProperties("rostersync.shutdown")
public record ShutdownConfig(@Bindable(defaultValue = "30") int graceSeconds) {

    public ShutdownConfig {
        if (graceSeconds < 0 || graceSeconds > 3600) {
            throw new IllegalArgumentException("rostersync.shutdown.grace-seconds (ROSTERSYNC_SHUTDOWN_GRACE_SECONDS) must be from 0"
                    + " to 3600, not " + graceSeconds);
        }
    }
}
