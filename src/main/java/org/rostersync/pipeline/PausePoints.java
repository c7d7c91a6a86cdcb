package org.rostersync.pipeline;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.rostersync.roster.Checkpoint;

import java.util.UUID;

/**
 * A test seam for crash safety: {@code ROSTERSYNC_TEST_PAUSE_AT=<sourceId>/<point>} makes a run of that source stop at
 * the point (e.g. {@code enrollments.csv:row:5000}, {@code users.csv:merge}, {@code commit:before}), say so on standard
 * output and wait, so that a test can kill the process there with SIGKILL. Unset (always, in production) it costs one
 * comparison per run.
 */
@Singleton
class PausePoints {

    private final String sourceId;
    private final String point;

    PausePoints(@Value("${rostersync.test.pause-at:}") String pauseAt) {
        int slash = pauseAt.indexOf('/');
        if (pauseAt.isBlank()) {
            this.sourceId = null;
            this.point = null;
        } else if (slash < 0) {
            throw new IllegalArgumentException("ROSTERSYNC_TEST_PAUSE_AT must be <sourceId>/<point>, not '" + pauseAt + "'");
        } else {
            this.sourceId = pauseAt.substring(0, slash);
            this.point = pauseAt.substring(slash + 1);
        }
    }

    /** The checkpoints of a run of this source. */
    Checkpoint forSource(UUID source) {
        if (point == null || !source.toString().equals(sourceId)) {
            return Checkpoint.NONE;
        }
        return new Checkpoint() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public void reached(String at) {
                if (at.equals(point)) {
                    System.out.println("rostersync paused at " + at);
                    System.out.flush();
                    try {
                        Thread.sleep(Long.MAX_VALUE);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
    }
}
