package org.rostersync.pipeline;

import jakarta.inject.Singleton;
import org.rostersync.roster.Checkpoint;
import org.rostersync.roster.MergeResult;
import org.rostersync.roster.RowSink;
import org.rostersync.roster.RowSource;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where a run may stop when the service stops and its grace period is over: at every row it writes, and between the
 * steps of a file's load (merge, deletions) and before the commit. Each of these lies inside the run's one roster
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

    /** The sink of one file's rows, with a safe point at each row. */
    RowSink around(RowSink sink) {
        return new RowSink() {
            @Override
            public void add(long line, long offset, String sourcedId, String status, Instant modified, Object[] values,
                            Map<String, String> metadata) throws IOException {
                check();
                sink.add(line, offset, sourcedId, status, modified, values, metadata);
            }

            @Override
            public MergeResult finish(RowSource again) throws IOException, SQLException {
                return sink.finish(again);
            }

            @Override
            public void keep(long line, String sourcedId) {
                sink.keep(line, sourcedId);
            }

            @Override
            public void dropReferences(org.rostersync.oneroster.Column column, List<String> sourcedIds, List<List<String>> targets)
                    throws SQLException {
                sink.dropReferences(column, sourcedIds, targets);
            }

            @Override
            public void close() throws SQLException, IOException {
                sink.close();
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
