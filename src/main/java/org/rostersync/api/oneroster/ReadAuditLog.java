package org.rostersync.api.oneroster;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.rostersync.config.ApiAuditConfig;
import org.rostersync.report.ApiRead;
import org.rostersync.report.ApiReadStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Writes the audit trail of API reads without making requests wait for the database: a request only puts its read in a
 * bounded queue, and one thread writes what gathered in batches (one round trip per batch instead of one insert per
 * request). Nothing is dropped: when the database is away the batch is kept and retried, and once the queue is full
 * requests wait for room (an API that cannot record its reads slows down rather than reading unrecorded). A clean
 * shutdown writes everything still queued.
 */
@Singleton
class ReadAuditLog {

    private static final Logger LOG = LoggerFactory.getLogger(ReadAuditLog.class);
    private static final int CAPACITY = 50_000;
    private static final int BATCH = 1_000;
    private static final long RETRY_MILLIS = 1_000;
    /** Not a read: put in the queue by stop() to wake the writer. */
    private static final ApiRead STOP = new ApiRead(Instant.EPOCH, null, null, null, null, null, null, 0, null, null);

    private final ApiReadStore store;
    private final ApiAuditConfig config;
    private final BlockingQueue<ApiRead> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread writer;
    private volatile boolean stopping;

    ReadAuditLog(ApiReadStore store, ApiAuditConfig config, io.micrometer.core.instrument.MeterRegistry registry) {
        this.store = store;
        this.config = config;
        io.micrometer.core.instrument.Gauge.builder("rostersync.api.audit.queue", queue, BlockingQueue::size)
                .description("API reads waiting to be written to the read audit (at " + CAPACITY + " requests wait for room)")
                .register(registry);
        this.writer = new Thread(this::writeUntilStopped, "rostersync-read-audit");
        writer.setDaemon(true); // a clean shutdown stops it through stop(); it must never keep a dying JVM alive
        writer.start();
    }

    /** Queues a read; waits only when the queue is full. */
    void add(ApiRead read) {
        if (queue.offer(read)) {
            return;
        }
        try {
            queue.put(read);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to record an API read", e);
        }
    }

    private void writeUntilStopped() {
        List<ApiRead> batch = new ArrayList<>(BATCH);
        while (true) {
            try {
                if (batch.isEmpty()) {
                    gather(batch);
                }
                if (batch.isEmpty()) {
                    if (stopping && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                store.add(batch);
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (stopping) {
                    LOG.error("{} API reads could not be recorded before shutdown: {}", batch.size() + queue.size(), e.toString());
                    return;
                }
                LOG.warn("API reads could not be recorded; retrying in {} ms: {}", RETRY_MILLIS, e.toString());
                pause();
            }
        }
    }

    /**
     * Waits for a first read, then up to the flush interval for more, so that a burst is written as one batch. When
     * stopping it waits no more: stop() wakes it with {@link #STOP}.
     */
    private void gather(List<ApiRead> batch) throws InterruptedException {
        ApiRead first = stopping ? queue.poll() : queue.poll(1, TimeUnit.SECONDS);
        if (first == null) {
            return;
        }
        batch.add(first);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.flushMillis());
        while (batch.size() < BATCH && !stopping) {
            long left = deadline - System.nanoTime();
            ApiRead next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                break;
            }
            batch.add(next);
        }
        queue.drainTo(batch, BATCH - batch.size());
        batch.removeIf(r -> r == STOP);
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The stop begins: what is queued is written now, while the pool still serves (Micronaut does not promise to destroy
     * this bean before the pool; a run of CI met the pool closed first, and the reads were lost).
     */
    @io.micronaut.runtime.event.annotation.EventListener
    void onShutdown(io.micronaut.context.event.ShutdownEvent event) throws InterruptedException {
        stop();
    }

    /**
     * Writes what is queued and stops. Not by interrupting the writer, which could break the insert in flight: a marker in
     * the queue wakes it instead.
     */
    @PreDestroy
    void stop() throws InterruptedException {
        if (stopping && !writer.isAlive()) {
            return; // stopped when the stop began
        }
        stopping = true;
        queue.offer(STOP); // when the queue is full the writer is busy, not waiting: it sees the flag
        writer.join(TimeUnit.SECONDS.toMillis(30));
        if (writer.isAlive()) {
            LOG.error("The API read audit writer did not finish within 30 s; {} reads were not recorded", queue.size());
        }
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "10m")
    void purgeHourly() {
        try {
            purgeOlderThanKeepDays();
        } catch (RuntimeException e) {
            LOG.warn("Old API reads were not purged", e);
        }
    }

    long purgeOlderThanKeepDays() {
        Instant before = Instant.now().minus(Duration.ofDays(config.keepDays()));
        long deleted = store.purgeBefore(before);
        if (deleted > 0) {
            LOG.info("Purged {} API reads recorded before {}", deleted, before);
        }
        return deleted;
    }
}
