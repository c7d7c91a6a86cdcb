package org.rostersync.report;

import io.micronaut.serde.annotation.Serdeable;

/** What started a run: an operator (run now, or approving a held run), the source's schedule, or a delivery arriving. */
@Serdeable
public enum RunTrigger {
    manual, schedule, arrival
}
