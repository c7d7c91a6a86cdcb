package org.rostersync.report;

import io.micronaut.serde.annotation.Serdeable;

/**
 * Where a run is. {@code held} means a safeguard tripped and nothing was applied: an operator approves it (it is queued
 * and applied) or discards it ({@code discarded}). {@code no_new_delivery}: a timed run found the delivery the last
 * applied run read, and applied nothing.
 */
@Serdeable
public enum RunStatus {
    queued, running, succeeded, succeeded_with_issues, held, discarded, failed, no_new_delivery
}
