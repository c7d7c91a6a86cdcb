package org.rostersync.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import org.rostersync.report.Run;
import org.rostersync.report.RunStatus;
import org.rostersync.report.RunTrigger;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What runs do, as meters for {@code /metrics}: runs ended by status and trigger, how long each phase took, rows read
 * (a counter: its rate is rows read per second), and issues by code. Every label takes its values from a closed set
 * (statuses, triggers, the pipeline's phase names, the catalogue of issue codes): never a tenant, a source or a file.
 */
@Singleton
class RunMetrics {

    private final MeterRegistry registry;
    private final Counter rowsRead;

    RunMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.rowsRead = Counter.builder("rostersync.run.rows.read").description("Rows of delivered files read by runs")
                .register(registry);
    }

    /** Rows a run read since its last report. */
    void rowsRead(long rows) {
        if (rows > 0) {
            rowsRead.increment(rows);
        }
    }

    /** A run ended: its status, its phases' durations, the issues it found by code. */
    void ended(RunTrigger trigger, RunStatus status, Duration took, List<Run.Phase> phases, Map<String, Map<String, Long>> issuesPerFileAndCode) {
        Counter.builder("rostersync.runs").description("Runs ended, by status and trigger")
                .tag("status", status.name()).tag("trigger", trigger.name()).register(registry).increment();
        Timer.builder("rostersync.run.duration").description("How long runs took, from claim to end, by status")
                .tag("status", status.name()).register(registry).record(took);
        for (Run.Phase phase : phases) {
            Timer.builder("rostersync.run.phase.duration").description("How long each phase of a run took")
                    .tag("phase", phase.name()).register(registry).record(Duration.ofMillis(phase.millis()));
        }
        issuesPerFileAndCode.values().forEach(codes -> codes.forEach((code, count) ->
                Counter.builder("rostersync.run.issues").description("Issues found by runs, by code (docs/issue-codes.md)")
                        .tag("code", code).register(registry).increment(count)));
    }
}
