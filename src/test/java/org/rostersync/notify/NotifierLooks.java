package org.rostersync.notify;

import io.micronaut.context.ApplicationContext;

import java.time.Instant;

/**
 * For tests outside this package: one more look of an application's notifier at the runs that ended and at the
 * digests due, each done to its end, instead of a sleep that hopes to outlast the next timed look.
 */
public final class NotifierLooks {

    private NotifierLooks() {
    }

    public static void lookAgain(ApplicationContext context) {
        Notifier notifier = context.getBean(Notifier.class);
        notifier.queueDigests(Instant.now());
        notifier.announce();
    }
}
