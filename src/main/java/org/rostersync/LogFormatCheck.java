package org.rostersync;

import io.micronaut.context.annotation.Context;
import org.rostersync.config.LogConfig;

/**
 * Binds {@link LogConfig} at start, so that a misspelt ROSTERSYNC_LOG_FORMAT stops the service naming it (logback.xml
 * reads the variable itself, and would otherwise write nothing at all).
 */
@Context
final class LogFormatCheck {

    LogFormatCheck(LogConfig config) {
        // binding checked the value
    }
}
