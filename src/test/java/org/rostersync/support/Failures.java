package org.rostersync.support;

/** What a failure says: for tests of a start refused, where the sentence that matters is a cause of a cause. */
public final class Failures {

    private Failures() {
    }

    /** The messages of the failure and of each of its causes, one a line. */
    public static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
