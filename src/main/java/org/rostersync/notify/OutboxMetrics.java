package org.rostersync.notify;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;

/**
 * The email outbox for {@code /metrics}: emails waiting to be sent (a growing number says the SMTP server refuses or is
 * away: see the console's mail banner) and emails given up. Read from the database at each scrape, so every instance
 * reports the one outbox they share.
 */
@Context
class OutboxMetrics {

    OutboxMetrics(MeterRegistry registry, EmailStore store) {
        for (String status : new String[]{"pending", "failed"}) {
            Gauge.builder("rostersync.email.outbox", store, s -> s.count(status))
                    .description("Emails in the outbox, by status").tag("status", status).register(registry);
        }
    }
}
