package org.rostersync.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The audit trail of OneRoster API reads.
 *
 * @param keepDays    days a read stays in the trail before it is purged
 * @param flushMillis how long a read may wait in memory before it is written with the others that came meanwhile
 */
@ConfigurationProperties("rostersync.api-audit")
public record ApiAuditConfig(@Bindable(defaultValue = "365") int keepDays, @Bindable(defaultValue = "200") long flushMillis) {

    public ApiAuditConfig {
        if (keepDays < 1) {
            throw new IllegalArgumentException("rostersync.api-audit.keep-days (ROSTERSYNC_API_AUDIT_KEEP_DAYS) must be at least 1, not "
                    + keepDays);
        }
        if (flushMillis < 1 || flushMillis > 60_000) {
            throw new IllegalArgumentException("rostersync.api-audit.flush-millis must be from 1 to 60000, not " + flushMillis);
        }
    }
}
