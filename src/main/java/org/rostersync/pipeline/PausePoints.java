package org.rostersync.pipeline;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.rostersync.roster.Checkpoint;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A test seam for crash safety: {@code ROSTERSYNC_TEST_PAUSE_AT=<sourceId>/<point>[,<sourceId>/<point>...]} makes a run
 * of each named source stop at its point (e.g. {@code enrollments.csv:row:5000}, {@code users.csv:merge},
 * {@code commit:before}), say so on standard output and wait, so that a test can kill the process there with SIGKILL,
 *  * with one run or several in flight; or stop it with SIGTERM, which resumes the paused runs as the stop begins (they
 * then finish within the grace period, or stop at their next safe point: see {@link SafePoints}). Unset (always, in
 * production) it costs one lookup per run.
 */
@Singleton
class PausePoints {

    /** Source id → the point its runs stop at. */
    private final Map<String, String> points = new HashMap<>();
    /** Counted down when the service begins to stop. */
    private final java.util.concurrent.CountDownLatch stopping = new java.util.concurrent.CountDownLatch(1);

    PausePoints(@Value("${rostersync.test.pause-at:}") String pauseAt) {
        for (String each : pauseAt.split(",")) {
            if (each.isBlank()) {
                continue;
            }
            int slash = each.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("ROSTERSYNC_TEST_PAUSE_AT must be <sourceId>/<point>[,...], not '" + pauseAt + "'");
            }
            points.put(each.substring(0, slash).strip(), each.substring(slash + 1).strip());
        }
    }

    /** The service begins to stop: paused runs go on. */
    void release() {
        stopping.countDown();
    }

    /** The checkpoints of a run of this source. */
    Checkpoint forSource(UUID source) {
        String point = points.get(source.toString());
        if (point == null) {
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
                        stopping.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
    }
}
