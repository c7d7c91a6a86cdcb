package org.rostersync.report;

import io.micronaut.serde.annotation.Serdeable;

/** How many issues of one code and outcome a run found. */
@Serdeable
public record IssueCount(String code, Outcome outcome, long count) {
}
