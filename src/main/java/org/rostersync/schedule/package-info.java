/**
 * When each source runs: its schedule's instants (daylight saving included), timed runs and runs on arrival queued
 * once across every instance on the database. May use {@code config}, {@code database}, {@code tenant}, {@code oneroster},
 * {@code intake.inbox}, {@code report} and {@code pipeline}; nothing of the API.
 */
package org.rostersync.schedule;
