package org.rostersync.schedule;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.rostersync.config.ScheduleConfig;
import org.rostersync.intake.inbox.DeliveryFile;
import org.rostersync.intake.inbox.DeliveryFingerprint;
import org.rostersync.intake.inbox.Inbox;
import org.rostersync.pipeline.RunService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every few seconds, on every instance: queues the timed runs that are due and the runs of deliveries that arrived
 * complete and have been quiet long enough. The store makes each decision once across instances; this only asks.
 */
@Singleton
class ScheduleTicker {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleTicker.class);

    private final ScheduleStore store;
    private final Inbox inbox;
    private final RunService runService;
    private final ScheduleConfig config;
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rostersync-schedule");
        t.setDaemon(true);
        return t;
    });

    ScheduleTicker(ScheduleStore store, Inbox inbox, RunService runService, ScheduleConfig config) {
        this.store = store;
        this.inbox = inbox;
        this.runService = runService;
        this.config = config;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("Timed and arrival runs are off on this instance (ROSTERSYNC_SCHEDULE_ENABLED=false)");
            return;
        }
        ticks.scheduleWithFixedDelay(this::tick, 0, config.tickSeconds(), TimeUnit.SECONDS);
    }

    void tick() {
        try {
            Instant now = store.now();
            store.planUnplanned(now);
            List<UUID> due = store.queueDue(now);
            due.forEach(run -> LOG.info("Queued timed run {}", run));
            int arrived = queueArrivals(now);
            if (!due.isEmpty() || arrived > 0) {
                runService.queuedElsewhere();
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot look at the schedules: {}", e.getMessage());
        }
    }

    private int queueArrivals(Instant now) throws IOException {
        int queued = 0;
        for (ScheduleStore.ArrivalCandidate candidate : store.arrivalCandidates()) {
            Instant quietSince = now.minus(Duration.ofMinutes(candidate.schedule().arrivalQuietMinutes()));
            if (candidate.lastReceived().isAfter(quietSince)
                    || !candidate.schedule().activeOn(now.atZone(candidate.schedule().timeZone()).toLocalDate())
                    || inbox.lastUploadActivity(candidate.sourceId()).filter(t -> t.isAfter(quietSince)).isPresent()) {
                continue;
            }
            List<DeliveryFile> files = inbox.delivery(candidate.sourceId());
            String fingerprint = DeliveryFingerprint.of(files);
            if (store.latestRunDelivery(candidate.sourceId()).filter(fingerprint::equals).isPresent()) {
                continue; // a run read this delivery already
            }
            List<String> missing = CompleteDelivery.missing(files, f -> inbox.current(candidate.sourceId(), f));
            if (!missing.isEmpty()) {
                LOG.debug("Source {}: the delivery lacks {}; no run until it is complete", candidate.sourceId(), missing);
                continue;
            }
            Optional<UUID> run = store.queueArrival(candidate.sourceId(), candidate.tenantId(), fingerprint);
            if (run.isPresent()) {
                LOG.info("Queued run {} of source {}: its delivery is complete and quiet", run.get(), candidate.sourceId());
                queued++;
            }
        }
        return queued;
    }

    /** Stops ticking before the pool closes: a tick in flight is let finish, so that it does not meet a closed pool. */
    /** The stop begins (before any bean is destroyed, so before the pool closes): no more polls. */
    @EventListener
    void onShutdown(io.micronaut.context.event.ShutdownEvent event) throws InterruptedException {
        stop();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        ticks.shutdown();
        if (!ticks.awaitTermination(5, TimeUnit.SECONDS)) {
            ticks.shutdownNow();
        }
    }
}
