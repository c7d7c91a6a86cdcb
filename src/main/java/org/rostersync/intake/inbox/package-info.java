/**
 * Where deliveries live: one inbox folder per source, the record of files whose upload closed cleanly, and the snapshot
 * of a delivery into a run's archive; with object storage configured, their contents and the archives in the bucket.
 * May use {@code config}, {@code database} and {@code storage}.
 */
package org.rostersync.intake.inbox;
