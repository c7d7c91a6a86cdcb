package org.rostersync.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The OneRoster API's rate limit: a token bucket per API client, held in this instance's memory (behind a balancer each
 * instance allows a client this much on its own).
 *
 * @param perSecond requests a client may make per second, sustained
 * @param burst     requests a client may make at once after being idle (the bucket's size)
 */
@ConfigurationProperties("rostersync.api-rate")
public record ApiRateConfig(@Bindable(defaultValue = "50") double perSecond, @Bindable(defaultValue = "100") int burst) {

    public ApiRateConfig {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("rostersync.api-rate.per-second (ROSTERSYNC_API_RATE_PER_SECOND) must be a number"
                    + " above 0, not " + perSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("rostersync.api-rate.burst (ROSTERSYNC_API_BURST) must be at least 1, not " + burst);
        }
    }
}
