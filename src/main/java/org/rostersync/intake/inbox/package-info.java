/**
 * Where deliveries live: one inbox folder per source, the record of files whose upload closed cleanly, and the snapshot
 * of a delivery into a run's archive. May use {@code config} and {@code database}.
 */
package org.rostersync.intake.inbox;
