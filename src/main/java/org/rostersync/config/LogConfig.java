package org.rostersync.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.Set;

/**
 * How log lines are written. Logback reads the same variable itself ({@code logback.xml}, before the application
 * starts); this record exists so that a misspelt value stops the start naming it, instead of leaving a service whose
 * log is silently empty.
 *
 * @param format {@code text} (one readable line per event) or {@code json} (one JSON object per line, for log collectors)
 */
@ConfigurationProperties("rostersync.log")
public record LogConfig(@Bindable(defaultValue = "text") String format) {

    private static final Set<String> FORMATS = Set.of("text", "json");

    public LogConfig {
        if (format == null || !FORMATS.contains(format)) {
            throw new StartupRefusal("ROSTERSYNC_LOG_FORMAT must be text or json, not '" + format + "'");
        }
    }
}
