package org.rostersync.pipeline;

import jakarta.inject.Singleton;
import org.rostersync.roster.Checkpoint;


/**
 * Where a run may stop when the service stops and its grace period is over: at each progress report of a file's rows
 * (every {@link Progress#EVERY}, so that the import's per-row path pays nothing), between the steps of a file's load
 * (merge, deletions) and before the commit. Each of these lies inside the run's one roster
 * transaction, so a run stopped there is rolled back and applies nothing, exactly as a run killed there (crash safety);
 * after the commit there is no safe point, and the run records its end.
 */
@Singleton
class SafePoints {

    /** The point after the commit: the run is applied, it must record so rather than stop. */
    private static final String AFTER_COMMIT = "commit:after";

    private volatile boolean stopRequested;

    /** From now on every run of this instance stops at its next safe point. */
    void requestStop() {
        stopRequested = true;
    }

    boolean stopRequested() {
        return stopRequested;
    }

    /** @throws RunStopped when the service asked runs to stop */
    void check() {
        if (stopRequested) {
            throw new RunStopped();
        }
    }

    /** The run's checkpoints (the crash test's pauses, if any), each also a safe point. */
    Checkpoint around(Checkpoint checkpoint) {
        return new Checkpoint() {
            @Override
            public boolean enabled() {
                return checkpoint.enabled();
            }

            @Override
            public void reached(String point) {
                checkpoint.reached(point);
                if (!point.equals(AFTER_COMMIT)) {
                    check();
                }
            }
        };
    }

    /** A run stopped at a safe point because the service is stopping: its transaction rolls back. */
    static final class RunStopped extends RuntimeException {

        RunStopped() {
            super("the service is stopping", null, false, false);
        }
    }
}
