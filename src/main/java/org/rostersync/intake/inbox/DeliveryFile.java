package org.rostersync.intake.inbox;

import java.time.Instant;

/** A file whose upload closed cleanly. */
public record DeliveryFile(String name, long size, String sha256, Instant receivedAt) {
}
