package org.rostersync.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The defence of the operators' logins, the console's and the admin API's alike.
 *
 * @param lockAfterFailures  wrong passwords in a row that lock an operator against addresses it never signed in from
 * @param lockMinutes        how long such a lock lasts
 * @param banAfterFailures   failed logins from one address within {@code banWindowSeconds} that ban the address
 * @param banWindowSeconds   the window they are counted in
 * @param banSeconds         the first ban of an address; each next one lasts twice as long, up to a day
 * @param failureDelayMillis how long a failed login waits before it is answered
 */
@ConfigurationProperties("rostersync.operator-login")
public record OperatorLoginConfig(@Bindable(defaultValue = "5") int lockAfterFailures,
                                  @Bindable(defaultValue = "15") int lockMinutes,
                                  @Bindable(defaultValue = "10") int banAfterFailures,
                                  @Bindable(defaultValue = "900") int banWindowSeconds,
                                  @Bindable(defaultValue = "900") int banSeconds,
                                  @Bindable(defaultValue = "1000") int failureDelayMillis) {

    public OperatorLoginConfig {
        positive("LOCK_AFTER_FAILURES", lockAfterFailures);
        positive("LOCK_MINUTES", lockMinutes);
        positive("BAN_AFTER_FAILURES", banAfterFailures);
        positive("BAN_WINDOW_SECONDS", banWindowSeconds);
        positive("BAN_SECONDS", banSeconds);
        if (failureDelayMillis < 0) {
            throw new IllegalArgumentException("ROSTERSYNC_OPERATOR_FAILURE_DELAY_MILLIS must not be negative, not " + failureDelayMillis);
        }
    }

    private static void positive(String variable, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("ROSTERSYNC_OPERATOR_" + variable + " must be at least 1, not " + value);
        }
    }
}
