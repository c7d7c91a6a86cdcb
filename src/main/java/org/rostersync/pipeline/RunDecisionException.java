package org.rostersync.pipeline;

/** A held run cannot be approved or discarded as asked; the message says why. */
public class RunDecisionException extends RuntimeException {

    public RunDecisionException(String message) {
        super(message);
    }
}
