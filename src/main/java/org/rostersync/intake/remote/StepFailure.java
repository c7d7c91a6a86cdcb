package org.rostersync.intake.remote;

/**
 * A step that could not be done. {@code retryable}: a network or server fault that may pass (connecting, a transfer);
 * a wrong host key, a refused login or a missing folder will not pass by trying again.
 */
final class StepFailure extends Exception {

    private final Step step;
    private final boolean retryable;

    StepFailure(Step step, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.step = step;
        this.retryable = retryable;
    }

    Step step() {
        return step;
    }

    boolean retryable() {
        return retryable;
    }

    static String why(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || t.getMessage().isBlank())) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }
}
