package org.rostersync.pipeline;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.rostersync.config.RunsConfig;
import org.rostersync.config.ShutdownConfig;
import org.rostersync.database.InstanceLiveness;
import org.rostersync.intake.inbox.RunArchives;
import org.rostersync.report.Run;
import org.rostersync.report.RunStatus;
import org.rostersync.report.RunQueue;
import org.rostersync.report.RunStore;
import org.rostersync.tenant.Source;
import org.rostersync.tenant.TenantService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Executes queued runs, off the request threads. The run table is the queue that every instance on the database
 * shares: a run asked for here, or queued by a schedule anywhere, is taken by exactly one instance (the first to claim
 * it) and executed once. A run whose instance is gone (killed, crashed) is ended with the truth about it as soon as
 * any instance sees the instance's liveness lock free.
 */
@Singleton
public class RunService {

    private static final Logger LOG = LoggerFactory.getLogger(RunService.class);
    private static final long WATCH_SECONDS = 5;
    private static final long SAFE_POINT_WAIT_SECONDS = 60;

    private final RunStore runs;
    private final RunQueue queue;
    private final Pipeline pipeline;
    private final RunArchives archives;
    private final TenantService tenants;
    private final InstanceLiveness liveness;
    private final DataSource dataSource;
    private final RunsConfig config;
    private final Duration grace;
    private final SafePoints safePoints;
    private final PausePoints pausePoints;
    /** Permits wake idle workers at once when this instance queues a run, rather than at their next poll. */
    private final Semaphore queued = new Semaphore(0);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicLong executed = new AtomicLong();
    private final ExecutorService workers;
    private final ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(r -> thread(r, "rostersync-run-watch", true));

    RunService(RunStore runs, RunQueue queue, Pipeline pipeline, RunArchives archives, TenantService tenants, InstanceLiveness liveness,
               DataSource dataSource, RunsConfig config, ShutdownConfig shutdown, SafePoints safePoints, PausePoints pausePoints) {
        this.grace = Duration.ofSeconds(shutdown.graceSeconds());
        this.safePoints = safePoints;
        this.pausePoints = pausePoints;
        this.runs = runs;
        this.queue = queue;
        this.pipeline = pipeline;
        this.archives = archives;
        this.tenants = tenants;
        this.liveness = liveness;
        this.dataSource = dataSource;
        this.config = config;
        AtomicLong numbers = new AtomicLong();
        // not daemons: a run in progress keeps the process up while it shuts down
        this.workers = Executors.newFixedThreadPool(config.workers(), r -> thread(r, "rostersync-run-" + numbers.incrementAndGet(), false));
    }

    private static Thread thread(Runnable r, String name, boolean daemon) {
        Thread t = new Thread(r, name);
        t.setDaemon(daemon);
        return t;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        endRunsOfGoneInstances(); // before taking any: this instance's own previous process left them
        watch.scheduleWithFixedDelay(() -> {
            liveness.keepAlive();
            endRunsOfGoneInstances();
        }, WATCH_SECONDS, WATCH_SECONDS, TimeUnit.SECONDS);
        for (int i = 0; i < config.workers(); i++) {
            workers.submit(this::work);
        }
    }

    /** Queues a run of the source's latest complete delivery. */
    public Run start(Source source) {
        Run run = runs.find(queue.create(source.tenantId(), source.id())).orElseThrow();
        queued.release();
        return run;
    }

    /** A run was queued by a schedule or an arrival on this instance: an idle worker takes it now. */
    public void queuedElsewhere() {
        queued.release();
    }

    /** How many runs this instance has executed since it started. */
    public long executed() {
        return executed.get();
    }

    /**
     * Applies a held run: it is queued again, and computed from its frozen delivery and settings without the safeguards.
     *
     * @throws RunDecisionException when the run is not held, or a later run of its source was applied since
     */
    public Run approve(UUID runId, String by) {
        refuseUnless(runs.decide(runId, RunStatus.queued, by));
        queued.release();
        return runs.find(runId).orElseThrow();
    }

    /**
     * Drops a held run: nothing of it is ever applied.
     *
     * @throws RunDecisionException when the run is not held
     */
    public Run discard(UUID runId, String by) {
        refuseUnless(runs.decide(runId, RunStatus.discarded, by));
        return runs.find(runId).orElseThrow();
    }

    private static void refuseUnless(Optional<String> refusal) {
        if (refusal.isPresent()) {
            throw new RunDecisionException(refusal.get());
        }
    }

    /** One worker: claims queued runs and executes them, until the service stops. */
    private void work() {
        while (!stopping.get()) {
            try {
                Optional<RunQueue.Claimed> claimed = queue.claim(liveness.key());
                if (claimed.isPresent()) {
                    execute(claimed.get());
                } else {
                    queued.tryAcquire(config.pollMillis(), TimeUnit.MILLISECONDS);
                    queued.drainPermits(); // one look at the queue answers every wake-up so far
                    if (stopping.get()) {
                        // the drain may have taken the stop's wake-ups of the other workers (stopping is set before they
                        // are given): give them back, or the others would wait out their poll before they end
                        queued.release(config.workers());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("Cannot take a queued run: {}", e.getMessage());
                sleep();
            }
        }
    }

    private void execute(RunQueue.Claimed claimed) {
        executed.incrementAndGet();
        Optional<Source> source = tenants.source(claimed.sourceId());
        if (source.isEmpty()) {
            runs.finish(claimed.runId(), RunStatus.failed, "the source was removed", java.util.List.of(), java.util.List.of(),
                    java.util.List.of());
            return;
        }
        pipeline.execute(claimed, source.get());
    }

    private void sleep() {
        try {
            Thread.sleep(config.pollMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the runs whose executing instance is gone, and removes their working files: nobody will read them. */
    void endRunsOfGoneInstances() {
        try (Connection c = dataSource.getConnection()) {
            Map<Long, Boolean> gone = new HashMap<>();
            for (RunQueue.Executing run : queue.running()) {
                boolean lost = run.executor() == null || gone.computeIfAbsent(run.executor(), key -> isGone(c, key));
                if (lost && runs.endInterrupted(run.runId())) {
                    LOG.warn("Run {} was left unfinished by an instance that stopped; ended it", run.runId());
                    removeScratch(run.runId());
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Cannot look for runs of stopped instances: {}", e.getMessage());
        }
    }

    private boolean isGone(Connection c, long executor) {
        try {
            return liveness.isGone(c, executor);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void removeScratch(UUID runId) {
        try {
            archives.removeScratch(runId);
        } catch (IOException e) {
            LOG.warn("Cannot remove the working files of run {}", runId, e);
        }
    }

    /**
     * The service stops: no run is taken any more, and the runs in progress have the grace period to finish; past it they
     * stop at their next safe point and apply nothing ({@link SafePoints}). Returns once every worker has ended. Called
     * early in the stop, while the pool and the database still serve; again (doing nothing) when the context closes.
     */
    @PreDestroy
    public void stop() throws InterruptedException {
        if (!stopping.compareAndSet(false, true)) {
            awaitWorkers();
            return;
        }
        watch.shutdownNow();
        workers.shutdown();
        queued.release(config.workers());
        if (grace.isZero()) {
            safePoints.requestStop(); // before a paused run resumes, so that it stops at its next safe point
        }
        pausePoints.release();
        if (!workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.info("Runs still in progress after the grace period of {} s stop at their next safe point, applying nothing",
                    grace.toSeconds());
            safePoints.requestStop();
        }
        awaitWorkers();
    }

    /**
     * Waits for the workers. A run stopping at a safe point gets there within a statement (the longest is a large file's
     * merge); not interrupted, since an interrupt would close the file channels it reads mid-row.
     */
    private void awaitWorkers() throws InterruptedException {
        if (!workers.awaitTermination(SAFE_POINT_WAIT_SECONDS, TimeUnit.SECONDS)) {
            LOG.warn("A run did not reach a safe point within {} s of the end of the grace period; the next start ends it"
                    + " (nothing of it is applied unless it had committed)", SAFE_POINT_WAIT_SECONDS);
        }
    }
}
