package org.rostersync.roster;

/**
 * Named points of a run's writes ({@code users.csv:row:5000}, {@code users.csv:merge}, {@code commit:before}, ...),
 * where a crash test stops the process to check that the roster is then exactly as before or after the run.
 */
public interface Checkpoint {

    Checkpoint NONE = new Checkpoint() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public void reached(String point) {
            // nothing to do
        }
    };

    /** Whether any point is watched: when not, callers skip naming the points (a string per row would cost). */
    boolean enabled();

    void reached(String point);
}
