package org.rostersync.pipeline;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.rostersync.intake.inbox.Inbox;
import org.rostersync.report.Run;
import org.rostersync.report.RunStatus;
import org.rostersync.report.RunStore;
import org.rostersync.tenant.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Queues runs and executes them one at a time, off the request threads. */
@Singleton
public class RunService {

    private static final Logger LOG = LoggerFactory.getLogger(RunService.class);

    private final RunStore runs;
    private final Pipeline pipeline;
    private final Inbox inbox;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rostersync-run");
        t.setDaemon(false);
        return t;
    });

    RunService(RunStore runs, Pipeline pipeline, Inbox inbox) {
        this.runs = runs;
        this.pipeline = pipeline;
        this.inbox = inbox;
    }

    @EventListener
    void onStartup(StartupEvent event) throws SQLException {
        List<UUID> ended = runs.failUnfinished();
        if (!ended.isEmpty()) {
            LOG.warn("Marked {} unfinished runs from a previous process as failed", ended.size());
        }
        for (UUID run : ended) {
            try {
                inbox.removeScratch(run); // an interrupted run's working files: nobody will read them
            } catch (IOException e) {
                LOG.warn("Cannot remove the working files of run {}", run, e);
            }
        }
    }

    /** Queues a run of the source's latest complete delivery. */
    public Run start(Source source) throws SQLException {
        Run run = runs.create(source.tenantId(), source.id());
        executor.submit(() -> pipeline.execute(run.id(), source, false));
        return run;
    }

    /**
     * Applies a held run: it is queued again, and computed from its frozen delivery and settings without the safeguards.
     *
     * @throws RunDecisionException when the run is not held, or a later run of its source was applied since
     */
    public Run approve(UUID runId, Source source, String by) throws SQLException {
        refuseUnless(runs.decide(runId, RunStatus.queued, by));
        executor.submit(() -> pipeline.execute(runId, source, true));
        return runs.find(runId).orElseThrow();
    }

    /**
     * Drops a held run: nothing of it is ever applied.
     *
     * @throws RunDecisionException when the run is not held
     */
    public Run discard(UUID runId, String by) throws SQLException {
        refuseUnless(runs.decide(runId, RunStatus.discarded, by));
        return runs.find(runId).orElseThrow();
    }

    private static void refuseUnless(java.util.Optional<String> refusal) {
        if (refusal.isPresent()) {
            throw new RunDecisionException(refusal.get());
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(60, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }
}
