package org.rostersync.pipeline;

import org.junit.jupiter.api.Test;
import org.rostersync.support.RunningApp;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The run workers end as soon as the stop begins, however long they would otherwise wait between looks at the queue: a
 * worker woken by the stop must not take the other workers' wake-ups with it.
 */
class RunWorkersStopTest {

    @Test
    void idleWorkersEndAtOnceWhenTheStopBeginsNotAtTheirNextPoll() throws Exception {
        try (RunningApp.App app = RunningApp.startWith(Map.of("rostersync.runs.workers", "4",
                "rostersync.runs.poll-millis", "120000"))) {
            RunService runs = app.context().getBean(RunService.class);
            Thread.sleep(300); // the workers have looked at the empty queue and wait for a wake-up
            long started = System.nanoTime();
            runs.stop();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(took.toSeconds() < 10, "four idle workers ended within seconds of the stop, not at their next poll: " + took);
        }
    }
}
