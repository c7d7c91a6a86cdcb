package org.rostersync.notify;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.rostersync.config.MailConfig;
import org.rostersync.report.Issue;
import org.rostersync.report.IssueCsv;
import org.rostersync.report.RunSummaries;
import org.rostersync.report.Run;
import org.rostersync.report.RunStatus;
import org.rostersync.report.IssueStore;
import org.rostersync.report.RunStore;
import org.rostersync.tenant.Notifications;
import org.rostersync.tenant.Schedule;
import org.rostersync.tenant.Source;
import org.rostersync.tenant.Tenant;
import org.rostersync.tenant.TenantService;
import org.rostersync.tenant.VendorContacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * On every instance, every few seconds: announces the runs that ended (each once, whichever instance claims it), queues
 * the daily digests of held runs that are due, and sends what the outbox holds. Sending has a thread of its own, so that
 * a slow or unreachable SMTP server never delays the announcements, and nothing here ever touches a run.
 */
@Singleton
class Notifier {

    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    /** Digests are looked for on every this many polls: their time is a minute of the day, and there may be many sources. */
    private static final int DIGEST_EVERY_POLLS = 30;
    private static final int HELD_LISTED = 50;

    private final EmailStore store;
    private final Mailer mailer;
    private final TenantService tenants;
    private final RunStore runs;
    private final IssueStore issues;
    private final MailConfig config;
    private final RunEmails emails;
    private final RunSummaries summaries;
    private final VendorReports vendorReports;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicLong polls = new AtomicLong();
    private final ScheduledExecutorService threads = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "rostersync-notify");
        t.setDaemon(true);
        return t;
    });

    Notifier(EmailStore store, Mailer mailer, TenantService tenants, RunStore runs, IssueStore issues, MailConfig config,
             RunSummaries summaries, VendorReports vendorReports) {
        this.summaries = summaries;
        this.vendorReports = vendorReports;
        this.store = store;
        this.mailer = mailer;
        this.tenants = tenants;
        this.runs = runs;
        this.issues = issues;
        this.config = config;
        this.emails = new RunEmails(config.publicUrl());
    }

    @EventListener
    void onStartup(StartupEvent event) {
        threads.scheduleWithFixedDelay(this::announce, config.pollMillis(), config.pollMillis(), TimeUnit.MILLISECONDS);
        threads.scheduleWithFixedDelay(this::sendDue, config.pollMillis(), config.pollMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Stops polling before the pool closes (this bean is destroyed before those it uses): a poll in flight is let finish
     * for a few seconds, so that it does not meet a closed pool. An email being sent is interrupted; it stays due.
     */
    /** The stop begins (before any bean is destroyed, so before the pool closes): no more polls. */
    @EventListener
    void onShutdown(io.micronaut.context.event.ShutdownEvent event) throws InterruptedException {
        stop();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        stopping.set(true);
        threads.shutdown();
        if (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
            threads.shutdownNow();
            threads.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    void announce() {
        try {
            for (EmailStore.Ended ended : store.unannounced(50)) {
                if (store.announce(ended, runEmail(ended))) {
                    LOG.debug("Announced run {} ({})", ended.runId(), ended.status());
                }
                if (!store.vendorReportClaimed(ended.runId()) && store.claimVendorReport(ended, vendorReport(ended))) {
                    LOG.debug("Decided the vendor report of run {}", ended.runId());
                }
            }
            if (polls.getAndIncrement() % DIGEST_EVERY_POLLS == 0) {
                queueDigests(Instant.now()); // a day's digest is claimed once, whichever clock gets there first
            }
        } catch (RuntimeException e) {
            if (stopping.get()) {
                LOG.debug("Announcements stopped with the service: {}", e.getMessage()); // the next start announces them
            } else {
                LOG.warn("Cannot announce the runs that ended: {}", e.getMessage());
            }
        }
    }

    private void sendDue() {
        try {
            while (!stopping.get() && store.sendNextDue(email -> {
                send(email);
                LOG.info("Sent \"{}\" to {}", email.subject(), email.recipients());
            }, config.maxAttempts())) {
                // one email per transaction, until none is due
            }
        } catch (RuntimeException e) {
            if (stopping.get()) {
                LOG.debug("Sending stopped with the service: {}", e.getMessage()); // the emails stay due
            } else {
                LOG.warn("Cannot send the emails due: {}", e.getMessage());
            }
        }
    }

    /** Sends the email, with its run's issues written to a CSV file for the attachment and removed after. */
    private void send(Email email) throws Exception {
        if (email.attachment() == null) {
            mailer.send(email);
            return;
        }
        java.nio.file.Path csv = IssueCsv.export(issues, email.attachment().runId());
        try {
            mailer.send(email, csv);
        } finally {
            java.nio.file.Files.deleteIfExists(csv);
        }
    }

    /**
     * The run's report to the vendor contacts, when the source sends it automatically and the run found something in
     * the data to fix (not only faults of the service, the remote server or the safeguards' limits).
     */
    private Optional<Email> vendorReport(EmailStore.Ended ended) {
        if (ended.status() == RunStatus.no_new_delivery) {
            return Optional.empty();
        }
        VendorContacts contacts = tenants.vendorContacts(ended.sourceId()).orElse(VendorContacts.NONE);
        if (!contacts.sendAutomatically() || contacts.contacts().isEmpty()) {
            return Optional.empty();
        }
        Optional<Run> run = runs.find(ended.runId());
        if (run.isEmpty() || !VendorReports.aboutTheData(summaries.of(run.get()))) {
            return Optional.empty();
        }
        return Optional.of(vendorReports.email(run.get(), contacts));
    }

    /** The email announcing the run's end, if the source's settings want one. */
    private Optional<Email> runEmail(EmailStore.Ended ended) {
        Notifications settings = tenants.notifications(ended.sourceId()).orElse(Notifications.NONE);
        if (!settings.active() || !wanted(settings.send(), ended.status())) {
            return Optional.empty();
        }
        Optional<Run> run = runs.find(ended.runId());
        if (run.isEmpty()) {
            return Optional.empty();
        }
        List<Issue> findings = ended.status() == RunStatus.held ? safeguardFindings(run.get()) : List.of();
        return Optional.of(emails.run(settings.recipients(), names(ended.tenantId(), ended.sourceId()), zone(ended.sourceId()),
                run.get(), summaries.of(run.get()), findings));
    }

    /** Held and failed runs wait for someone, so they are always announced; the setting chooses the others. */
    static boolean wanted(Notifications.Send send, RunStatus status) {
        if (status == RunStatus.held || status == RunStatus.failed) {
            return true;
        }
        return switch (send) {
            case every_run -> true;
            case issues -> status == RunStatus.succeeded_with_issues;
            case held_or_failed -> false;
        };
    }

    /** Queues today's digest of every source that wants one, once its time of day has come in the source's time zone. */
    void queueDigests(Instant now) {
        for (UUID sourceId : store.sourcesWithNotifications()) {
            Notifications settings = tenants.notifications(sourceId).orElse(Notifications.NONE);
            if (!settings.active() || !settings.heldDigest()) {
                continue;
            }
            ZonedDateTime local = now.atZone(zone(sourceId));
            LocalDate day = local.toLocalDate();
            if (local.toLocalTime().isBefore(settings.digestTime()) || store.digestClaimed(sourceId, day)) {
                continue;
            }
            Optional<Source> source = tenants.source(sourceId);
            if (source.isEmpty()) {
                continue;
            }
            Map<Run, List<Issue>> held = new LinkedHashMap<>();
            for (Run run : runs.inStatus(sourceId, RunStatus.held, HELD_LISTED)) {
                held.put(run, safeguardFindings(run));
            }
            Optional<Email> digest = held.isEmpty() ? Optional.empty() : Optional.of(emails.heldDigest(settings.recipients(),
                    names(source.get().tenantId(), sourceId), zone(sourceId), held));
            store.claimDigest(source.get().tenantId(), sourceId, day, digest);
        }
    }

    private List<Issue> safeguardFindings(Run run) {
        return issues.issuesWithCode(run.id(), "safeguard.", 20).stream().filter(i -> !i.code().endsWith("_prevented")).toList();
    }

    private RunEmails.Names names(UUID tenantId, UUID sourceId) {
        String tenant = tenants.tenant(tenantId).map(Tenant::name).orElse("tenant " + tenantId);
        String source = tenants.source(sourceId).map(Source::name).orElse("source " + sourceId);
        return new RunEmails.Names(tenant, source);
    }

    /** The source's own time zone: the one its schedule runs in. */
    private ZoneId zone(UUID sourceId) {
        return tenants.schedule(sourceId).map(Schedule::timeZone).orElse(Schedule.DEFAULT.timeZone());
    }
}
