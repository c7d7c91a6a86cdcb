package org.rostersync.intake.inbox;

/**
 * Something the snapshot found about the delivery itself (a zip entry refused, a loose file ignored). The pipeline
 * reports it as an issue; a fatal note means the delivery cannot be imported.
 */
public record DeliveryNote(String file, String code, boolean fatal, String message) {
}
