package org.rostersync.console;

/** A page that is not there, or not for this operator (the two look the same). */
public record MissingPage(Frame frame, String message) {
}
