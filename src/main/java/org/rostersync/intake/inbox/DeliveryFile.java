package org.rostersync.intake.inbox;

import java.time.Instant;

/** A file of a delivery: for an upload, one whose upload closed cleanly; sha256 is null only for a local delivery read in place. */
public record DeliveryFile(String name, long size, String sha256, Instant receivedAt) {
}
