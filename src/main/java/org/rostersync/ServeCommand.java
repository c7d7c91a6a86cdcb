package org.rostersync;

import io.micronaut.context.env.Environment;
import io.micronaut.runtime.Micronaut;
import org.rostersync.config.StartupRefusal;

/**
 * {@code serve}: Micronaut's start, but a {@link StartupRefusal} is said in its one sentence on standard error, with
 * exit status 1, instead of Micronaut's logged stack trace (82 lines for a data directory in use). Anything else
 * fails as Micronaut reports it.
 */
final class ServeCommand extends Micronaut {

    @Override
    protected void handleStartupException(Environment environment, Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof StartupRefusal refusal) {
                System.err.println("rostersync: " + refusal.getMessage());
                System.exit(1);
            }
        }
        super.handleStartupException(environment, exception);
    }
}
